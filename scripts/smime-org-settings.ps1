#!/usr/bin/env mailsec
# The organization's S/MIME settings for Outlook on the web and new Outlook: strong
# algorithms, CRL checking that blocks sending when revocation can't be checked, the
# certificate chain in every message, and (optionally) the virtual certificate collection of
# root and intermediate CAs that validates users' S/MIME certificates.
# It converges: a second run reports that nothing was modified.
#
#   mailsec --state /tmp/x.yaml scripts/smime-org-settings.ps1 [CAs.sst]
#
# The SST file comes from a trusted Windows machine:
#   Get-ChildItem -Path cert:\LocalMachine\CA | Export-Certificate -FilePath CAs.sst -Type SST

$settings = @{
    # Encrypt with AES-256, then AES-128, then 3DES for old clients; sign with SHA-512/-256.
    OWAEncryptionAlgorithms                          = '6610;660E;6603'
    OWASigningAlgorithms                             = '800E;800C'
    # Revocation: check CRLs, and don't send signed or encrypted mail when they can't be read.
    OWADisableCRLCheck                               = $false
    OWACheckCRLOnSend                                = $true
    OWACRLConnectionTimeout                          = 30000
    OWACRLRetrievalTimeout                           = 20000
    # Sign every message; let recipients build the chain; advertise our algorithms.
    OWAAlwaysSign                                    = $true
    OWAIncludeCertificateChainWithoutRootCertificate = $true
    OWAIncludeSMIMECapabilitiesInMessage             = $true
    OWAEncryptTemporaryBuffers                       = $true
    OWAForceSMIMEClientUpgrade                       = $true
}

if ($args.Count -ge 1) {
    # The virtual certificate collection: the bytes of the SST file.
    $settings.SMIMECertificateIssuingCA = [System.IO.File]::ReadAllBytes($args[0])
}

Set-SmimeConfig @settings

'== S/MIME configuration'
Get-SmimeConfig | Format-List

$config = Get-SmimeConfig
$strong = $config.OWAEncryptionAlgorithms -like '6610*' -and -not $config.OWADisableCRLCheck -and $config.OWACheckCRLOnSend
if ($strong) {
    'S/MIME: AES-256 first, CRLs checked before sending.'
} else {
    Write-Error 'The S/MIME settings were not applied.'
}
