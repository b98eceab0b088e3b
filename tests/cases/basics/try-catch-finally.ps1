# A thrown string is caught as an error record; finally always runs.
try {
    'before'
    throw 'bad thing'
    'not reached'
} catch {
    "caught: $_"
} finally {
    'finally'
}
