# A function taking pipeline input by value, then its output measured.
function Get-Square {
    param([Parameter(ValueFromPipeline)] [int] $N)
    process { $N * $N }
}
1..4 | Get-Square
(1..4 | Get-Square | Measure-Object -Sum).Sum
