"""Qt item models over the replica's query results."""
