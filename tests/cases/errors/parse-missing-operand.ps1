# An operator without its right-hand operand.
$port = (25 + )
$port
