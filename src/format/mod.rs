//! L4 — rendering objects as text the way pwsh does to a pipe: scalars one per line, default
//! table and list views with PowerShell's column layout, JSON.
