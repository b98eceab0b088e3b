//! L4 — New-Object: creates an object of a .NET-like type (`[T]::new(args)`), or a custom
//! object from `-Property`, setting properties afterwards.

use crate::engine::{Cmdlet, Context, Eval, Example, Param, Signature};
use crate::value::{PsType, Value, access, convert, statics};

use super::super::common::{custom_object, object_array, terminating};

/// `New-Object [-TypeName] <String> [[-ArgumentList] <Object[]>] [-Property <IDictionary>]`
pub struct NewObject;

impl Cmdlet for NewObject {
    fn signature(&self) -> Signature {
        Signature::new(
            "New-Object",
            "Creates an instance of a Microsoft .NET Framework or COM object.",
        )
        .default_set("Net")
        .param(
            Param::new("TypeName", PsType::String)
                .position(0)
                .mandatory()
                .set("Net")
                .help("The type to create."),
        )
        .param(
            Param::new("ArgumentList", object_array())
                .position(1)
                .set("Net")
                .alias("Args")
                .help("The constructor's arguments."),
        )
        .param(
            Param::new("ComObject", PsType::String)
                .position(0)
                .mandatory()
                .set("Com"),
        )
        .param(Param::switch("Strict").set("Com"))
        .param(
            Param::new("Property", PsType::Hashtable).help("Properties to set on the new object."),
        )
    }

    fn examples(&self) -> Vec<Example> {
        vec![Example::new(
            "A custom object",
            "(New-Object -TypeName PSObject -Property @{ Name = 'srv' }).Name",
            "srv\n",
        )]
    }

    fn process(&self, cx: &mut Context<'_, '_>) -> Eval<()> {
        if cx.args.contains("ComObject") {
            return Err(terminating(
                cx,
                "System.PlatformNotSupportedException",
                "COM objects are not supported by mailsec.",
            ));
        }
        let type_name = cx.args.string("TypeName").unwrap_or_default();
        let properties: Vec<(String, Value)> = match cx.args.get("Property") {
            Some(Value::Dict(dict)) => dict
                .pairs()
                .into_iter()
                .map(|(k, v)| (convert::to_string(&k, " "), v))
                .collect(),
            _ => Vec::new(),
        };
        let bare = type_name.trim_start_matches("System.Management.Automation.");
        if bare.eq_ignore_ascii_case("PSObject") || bare.eq_ignore_ascii_case("PSCustomObject") {
            return cx.emit(custom_object(properties));
        }
        let ty = PsType::resolve_str(&type_name).map_err(|_| {
            terminating(
                cx,
                "System.Management.Automation.PSArgumentException",
                format!("Cannot find type [{type_name}]: verify that the assembly containing this type is loaded."),
            )
        })?;
        let args = cx
            .args
            .get("ArgumentList")
            .map(convert::items_of)
            .unwrap_or_default();
        let object = match statics::call_static(&ty, "new", &args) {
            Some(Ok(object)) => object,
            Some(Err(error)) => {
                return Err(terminating(cx, error.exception_type(), error.to_string()));
            }
            None => {
                return Err(terminating(
                    cx,
                    "System.Management.Automation.MethodException",
                    format!(
                        "A constructor was not found. Cannot find an appropriate constructor for type {type_name}."
                    ),
                ));
            }
        };
        for (name, value) in properties {
            if let Err(error) = access::set_member(&object, &name, value) {
                let message = error.to_string();
                cx.write_error(&message, error.exception_type(), object.clone())?;
            }
        }
        cx.emit(object)
    }
}
