# A misspelt parameter: the error points at it and suggests the real one.
'start'
Write-Output -InptObject 'x'
'end'
