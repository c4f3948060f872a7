"""Key-result statement parser (stub, replaced below)."""
from okrcoach.quantity import Quantity, parse_quantity  # noqa: F401

def parse_key_result(text):
    return None
