#!/usr/bin/env mailsec
# Forced TLS with a partner organization, in both directions (Exchange Online):
#   inbound  - mail from the partner's domains must arrive over TLS, from a server whose
#              certificate carries the partner's name (RequireTls, TlsSenderCertificateName,
#              RestrictDomainsToCertificate);
#   outbound - mail to the partner leaves over TLS and the partner's certificate must match
#              its domain (TlsSettings DomainValidation with TlsDomain).
# It converges: the first run creates both connectors, later runs change only what differs.
#
#   mailsec --state /tmp/x.yaml scripts/forced-tls-partner.ps1 [PartnerDomain] [CertificateName]

$domain = if ($args.Count -ge 1) { $args[0] } else { 'fabrikam.com' }
$certificateName = if ($args.Count -ge 2) { $args[1] } else { "*.$domain" }
$partner = ($domain -split '\.')[0]
$partner = $partner.Substring(0, 1).ToUpper() + $partner.Substring(1)

$inboundName = "Forced TLS from $partner"
$inbound = @{
    ConnectorType                = 'Partner'
    SenderDomains                = $domain, "*.$domain"
    RequireTls                   = $true
    TlsSenderCertificateName     = $certificateName
    RestrictDomainsToCertificate = $true
    Comment                      = "Mail from $partner must use TLS with a certificate for $certificateName"
}

$outboundName = "Forced TLS to $partner"
$outbound = @{
    ConnectorType    = 'Partner'
    RecipientDomains = $domain, "*.$domain"
    UseMXRecord      = $true
    TlsSettings      = 'DomainValidation'
    TlsDomain        = $certificateName
    Comment          = "Mail to $partner must use TLS; the certificate must match $certificateName"
}

if (Get-InboundConnector -Identity $inboundName -ErrorAction SilentlyContinue) {
    Set-InboundConnector -Identity $inboundName @inbound
} else {
    New-InboundConnector -Name $inboundName @inbound | Out-Null
}

if (Get-OutboundConnector -Identity $outboundName -ErrorAction SilentlyContinue) {
    Set-OutboundConnector -Identity $outboundName @outbound
} else {
    New-OutboundConnector -Name $outboundName @outbound | Out-Null
}

"== Inbound: mail from $partner"
Get-InboundConnector -Identity $inboundName |
    Format-List Name, ConnectorType, SenderDomains, RequireTls, TlsSenderCertificateName, RestrictDomainsToCertificate

"== Outbound: mail to $partner"
Get-OutboundConnector -Identity $outboundName |
    Format-List Name, ConnectorType, RecipientDomains, UseMXRecord, TlsSettings, TlsDomain, MtaStsMode, SmtpDaneMode

# Both directions enforce TLS with certificate checks for every partner domain.
$in = Get-InboundConnector -Identity $inboundName
$out = Get-OutboundConnector -Identity $outboundName
$enforced = $in.Enabled -and $in.RequireTls -and $in.RestrictDomainsToCertificate -and
    $out.Enabled -and $out.TlsSettings -eq 'DomainValidation' -and $out.TlsDomain -eq $certificateName
if ($enforced) {
    "Forced TLS with $partner is in place in both directions."
} else {
    Write-Error "Forced TLS with $partner is incomplete."
}
