# `$null = <pipeline>` runs the pipeline for its effects and keeps none of its output.
$null = 1..3 | ForEach-Object { Write-Host "side $_"; $_ }
"status: $?"
$null = 'kept nowhere'
"null is still null: $($null -eq $null)"
