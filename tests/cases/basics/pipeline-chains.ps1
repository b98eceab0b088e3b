# PowerShell 7 pipeline chains: && runs on success, || on failure ($? of the previous pipeline).
'a' && 'b'
Write-Error 'failed' 2>$null && 'not run' || 'recovered'
$r = 'x' && 'y'
$r.Count
1..3 | Where-Object { $_ -gt 1 } && 'filtered'
