"""Sending bytes over HTTP: urllib3 for the sync clients, aiohttp for the async one."""
