//! Connect-Directory: secure by default (a plaintext simple bind refused, and said so), saved
//! settings without secrets, connecting again by name with the password from an environment
//! variable, passwords absent from output, errors, verbose text and the state; paged reads
//! through Get-User.

use super::common::assert_contains;
use super::harness::Env;

#[test]
fn a_plaintext_bind_is_refused_unless_allowed() {
    let Some(env) = Env::new(2) else { return };
    let script = format!(
        "$pw = ConvertTo-SecureString '{pw}' -AsPlainText -Force\n\
         $admin = [pscustomobject]@{{ UserName = '{dn}'; Password = $pw }}\n\
         Connect-Directory {url} -Credential $admin -Name Plain\n\
         'after refusal'\n\
         (Connect-Directory {url} -Credential $admin -AllowUnencrypted -Name Plain).Encryption\n\
         (Get-User user00001).PrimarySmtpAddress\n",
        pw = env.slapd.admin_password,
        dn = env.slapd.admin_dn,
        url = env.slapd.url(),
    );
    let run = env.run(&script);
    assert_eq!(
        run.stdout, "after refusal\nUnencrypted\nuser00001@example.com\n",
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("refusing a simple bind") && run.stderr.contains("-AllowUnencrypted"),
        "{}",
        run.stderr
    );
    // Without StartTLS, slapd's anonymous reads still work (no password sent).
    let anonymous = env.run(&format!(
        "(Connect-Directory {} -BaseDN '{}').BoundAs.Length\n",
        env.slapd.url(),
        env.slapd.base_dn
    ));
    assert_eq!(anonymous.stdout, "0\n", "{}", anonymous.stderr);
}

#[test]
fn passwords_never_show_and_saved_connections_reconnect_by_name() {
    let Some(env) = Env::new(3) else { return };
    let password = env.slapd.admin_password.clone();
    // Passwords are typed at the top, away from the lines errors quote.
    let first = env.run(&format!(
        "$wrongText = 'Wrong-Secret-77'\n{}Get-User -ResultSize 1 | ForEach-Object Name\n\
         $bad = [pscustomobject]@{{ UserName = '{}'; Password = (ConvertTo-SecureString $wrongText -AsPlainText -Force) }}\n\
         'next'\n\
         Connect-Directory {} -StartTls -Credential $bad -TrustStore '{}' -Verbose\n\
         $admin | Format-List | Out-String | Write-Output\n\
         $admin | ConvertTo-Json\n",
        env.connect("Corp"),
        env.slapd.admin_dn,
        env.slapd.url(),
        env.slapd.ca_pem_path.display()
    ));
    assert!(
        first.stdout.starts_with("User 0\nnext\n"),
        "{}\n{}",
        first.stdout,
        first.stderr
    );
    assert_contains(&first.stderr, "invalidCredentials");
    assert_contains(&first.stderr, "VERBOSE: Connecting to");
    let state = std::fs::read_to_string(env.state_file()).unwrap();
    for text in [&first.stdout, &first.stderr, &state] {
        assert!(!text.contains(&password), "password leaked:\n{text}");
        assert!(
            !text.contains("Wrong-Secret-77"),
            "password leaked:\n{text}"
        );
    }
    assert!(
        state.contains("DirectoryConnections:") && state.contains("Name: Corp"),
        "{state}"
    );
    assert!(
        state.contains(&format!("BindDN: {}", env.slapd.admin_dn)),
        "{state}"
    );
    // A later script connects by name; the password comes from a variable it names.
    let again = env.run(&format!(
        "$env:CORP_LDAP_PASSWORD = '{password}'\n\
         (Connect-Directory -Name Corp -PasswordVariable CORP_LDAP_PASSWORD).Encryption\n\
         (Get-Mailbox user00002@example.com).DistinguishedName\n\
         Disconnect-Directory Corp\n\
         Get-User user00002\n"
    ));
    assert_eq!(
        again.stdout,
        format!("StartTLS\n{}\n", env.slapd.user_dn(2)),
        "{}",
        again.stderr
    );
    assert_contains(&again.stderr, "No directory connection is open");
    let state = std::fs::read_to_string(env.state_file()).unwrap();
    assert!(
        state.contains("PasswordVariable: CORP_LDAP_PASSWORD"),
        "{state}"
    );
    assert!(!state.contains(&password), "{state}");
    // Without the variable and without a terminal, it says what is missing.
    let missing = env.run("Connect-Directory -Name Corp\n");
    assert_contains(
        &missing.stderr,
        "CORP_LDAP_PASSWORD' that should hold the password",
    );
}

#[test]
fn get_user_pages_through_every_user_and_honours_result_size() {
    let Some(env) = Env::new(1200) else { return };
    let run = env.run(&format!(
        "{}(Get-User -ResultSize Unlimited | Measure-Object).Count\n\
         (Get-User | Measure-Object).Count\n\
         (Get-Mailbox -Filter '(uid=user0001*)' -ResultSize 5 | Measure-Object).Count\n\
         (Get-User -Filter 'mail=user00042@example.com').Name\n",
        env.connect("Corp")
    ));
    assert_eq!(run.stdout, "1200\n1000\n5\nUser 42\n", "{}", run.stderr);
    assert_contains(
        &run.stderr,
        "By default, only the first 1000 items are returned",
    );
    assert_contains(&run.stderr, "There are more results available");
}
