#!/usr/bin/env mailsec
# A tour of the mailsec language on mail-security data: partner domains, TLS settings,
# filtering and sorting, -f formatting, an advanced function with pipeline input,
# try/catch/finally, JSON and tables.
#
#   cargo run --release -- scripts/tour.ps1

$partners = @(
    [pscustomobject]@{ Domain = 'contoso.com'; RequireTls = $true; TlsVersion = '1.3'; Certificates = 2 }
    [pscustomobject]@{ Domain = 'fabrikam.net'; RequireTls = $true; TlsVersion = '1.2'; Certificates = 0 }
    [pscustomobject]@{ Domain = 'tailspin.org'; RequireTls = $false; TlsVersion = '1.0'; Certificates = 1 }
    [pscustomobject]@{ Domain = 'woodgrove.bank'; RequireTls = $true; TlsVersion = '1.2'; Certificates = 3 }
)

'== Partners'
'{0} partner domains, {1} of them require TLS' -f $partners.Count, @($partners | Where-Object RequireTls).Count

# Filtering and sorting.
$partners | Where-Object { [version] $_.TlsVersion -lt [version] '1.2' } | ForEach-Object {
    "Weak TLS: $($_.Domain) offers TLS $($_.TlsVersion)"
}
'Most certificates: ' + (($partners | Sort-Object -Property Certificates -Descending |
    Select-Object -First 2 -ExpandProperty Domain) -join ', ')

# A hashtable of TLS settings, printed as aligned columns.
'== TLS settings'
$tls = @{
    MinimumVersion     = '1.2'
    CipherSuites       = @('TLS_AES_256_GCM_SHA384', 'TLS_AES_128_GCM_SHA256')
    RequireCertificate = $true
}
foreach ($key in $tls.Keys | Sort-Object) {
    '{0,-20} {1}' -f $key, ($tls[$key] -join ', ')
}

# An advanced function that takes partners from the pipeline.
function Test-PartnerPolicy {
    [CmdletBinding()]
    param(
        [Parameter(Mandatory, ValueFromPipeline)]
        $Partner,

        [version] $MinimumTls = '1.2'
    )
    begin { $checked = 0 }
    process {
        $checked++
        $problems = @()
        if (-not $Partner.RequireTls) { $problems += 'TLS not required' }
        if ([version] $Partner.TlsVersion -lt $MinimumTls) { $problems += "TLS $($Partner.TlsVersion) < $MinimumTls" }
        if ($Partner.Certificates -eq 0) { $problems += 'no S/MIME certificate' }
        [pscustomobject]@{
            Domain    = $Partner.Domain
            Compliant = $problems.Count -eq 0
            Problems  = $problems -join '; '
        }
    }
    end { Write-Verbose "checked $checked partners" }
}

'== Policy check'
$report = $partners | Test-PartnerPolicy
$report | Format-Table -AutoSize

# Errors: a throw inside a function, caught by the caller.
function Get-PartnerCertificateCount([string] $Domain) {
    $partner = $partners | Where-Object Domain -EQ $Domain
    if (-not $partner) { throw "No partner named '$Domain'" }
    $partner.Certificates
}

'== Lookups'
try {
    'contoso.com has {0} certificate(s)' -f (Get-PartnerCertificateCount 'contoso.com')
    Get-PartnerCertificateCount 'unknown.example'
    'not reached'
} catch {
    "Caught: $($_.Exception.Message)"
} finally {
    'lookup finished'
}

# JSON for machines: the partners that need work.
'== Non-compliant partners as JSON'
$report | Where-Object { -not $_.Compliant } | ConvertTo-Json
