#!/usr/bin/env mailsec
# A mobile device mailbox policy (Exchange ActiveSync) that requires S/MIME: every message a
# device sends is signed and encrypted, with the strongest algorithms ActiveSync offers and no
# negotiation down to weak ones; devices need a password and encryption.
# It converges: the first run creates the policy, later runs change only what differs.
#
#   mailsec --state /tmp/x.yaml scripts/mobile-smime-policy.ps1 [-MakeDefault]

$name = 'S/MIME Required'
$makeDefault = $args -contains '-MakeDefault'

$policy = @{
    RequireSignedSMIMEMessages               = $true
    RequireEncryptedSMIMEMessages            = $true
    RequireSignedSMIMEAlgorithm              = 'SHA1'
    RequireEncryptionSMIMEAlgorithm          = 'TripleDES'
    AllowSMIMEEncryptionAlgorithmNegotiation = 'OnlyStrongAlgorithmNegotiation'
    AllowSMIMESoftCerts                      = $true
    PasswordEnabled                          = $true
    AlphanumericPasswordRequired             = $true
    MinPasswordLength                        = 8
    MaxPasswordFailedAttempts                = 10
    MaxInactivityTimeLock                    = '00:15:00'
    RequireDeviceEncryption                  = $true
    AllowNonProvisionableDevices             = $false
}
if ($makeDefault) {
    $policy.IsDefault = $true
}

if (Get-MobileDeviceMailboxPolicy -Identity $name -ErrorAction SilentlyContinue) {
    Set-MobileDeviceMailboxPolicy -Identity $name @policy
} else {
    New-MobileDeviceMailboxPolicy -Name $name @policy | Out-Null
}

"== $name"
Get-MobileDeviceMailboxPolicy -Identity $name |
    Format-List Name, IsDefault, RequireSignedSMIMEMessages, RequireSignedSMIMEAlgorithm,
        RequireEncryptedSMIMEMessages, RequireEncryptionSMIMEAlgorithm,
        AllowSMIMEEncryptionAlgorithmNegotiation, AllowSMIMESoftCerts, PasswordEnabled,
        MinPasswordLength, MaxInactivityTimeLock, RequireDeviceEncryption

'== All policies'
Get-MobileDeviceMailboxPolicy

$applied = Get-MobileDeviceMailboxPolicy -Identity $name
if ($applied.RequireSignedSMIMEMessages -and $applied.RequireEncryptedSMIMEMessages) {
    "Devices under '$name' must sign and encrypt every message."
} else {
    Write-Error "The policy '$name' does not require S/MIME."
}
