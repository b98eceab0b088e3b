# An uncaught throw ends the script: what follows does not run.
'checking partners'
$partners = @()
if ($partners.Count -eq 0) { throw 'Partner list is empty' }
'not reached'
