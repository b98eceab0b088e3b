# The array of partner domains is never closed: nothing runs.
'not printed'
$partners = @(
    'contoso.com'
    'fabrikam.net'
$partners | Sort-Object
