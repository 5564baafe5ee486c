"""Security headers sent with every response (Content-Security-Policy, Permissions-Policy)."""
