# A misspelt cmdlet: the error names it and suggests the closest command; the script goes on.
'before'
Write-Outptu 'hello'
'after'
