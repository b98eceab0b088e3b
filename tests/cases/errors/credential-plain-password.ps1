# A PSCredential takes a SecureString: a plain password is refused, and never repeated.
$admin = New-Object System.Management.Automation.PSCredential('cn=admin', 'Hunter2-secret')
"after: $($null -eq $admin)"
