# Select-Object -First stops the commands before it once it has enough, as in PowerShell 7:
# no error, $? stays true, and the commands after it still run their end block.

# A huge range is counted lazily and stopped after three numbers.
1..1000000000 | Select-Object -First 3
"status: $?"

# Only the first two side effects happen; a downstream end block still runs.
1..10 |
    ForEach-Object { Write-Host "produce $_"; $_ } |
    Select-Object -First 2 |
    ForEach-Object -Process { "got $_" } -End { 'downstream end' }
"status: $?; errors: $($Error.Count)"

# An upstream function's finally block runs; its end block does not.
function Get-Numbers {
    process {
        try {
            foreach ($i in 1..1000000000) { $i }
        } finally {
            Write-Host 'finally ran'
        }
    }
    end { Write-Host 'upstream end (not reached)' }
}
Get-Numbers | Select-Object -First 2

# A cmdlet stage emitting many objects stops too (the counter sees only what got through).
$seen = 0
Write-Output (1..100000) | ForEach-Object { $seen++; $_ } | Select-Object -First 2
"seen: $seen"

# A Select-Object inside an upstream script block stops only its own pipeline.
1..3 | ForEach-Object { 1..100 | Select-Object -First 1; "outer $_" } | Select-Object -First 4

# -Skip with -First, -Last and -Index keep their meaning.
1..1000000000 | Select-Object -Skip 5 -First 2
1..10 | Select-Object -First 2 -Last 2
1..1000000000 | Select-Object -Index 1, 3
"done: $?"
