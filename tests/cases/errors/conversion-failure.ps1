# An argument that does not convert to the parameter's type.
function Set-SmtpPort([int] $Port) { "port $Port" }
Set-SmtpPort -Port 25
Set-SmtpPort -Port 'smtp'
'done'
