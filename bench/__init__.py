"""The performance benchmark (`make bench`): territory, department and national scales."""
