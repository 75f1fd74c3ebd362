"""The three clients: sync, threaded and asyncio. They share request building, auth and retries."""
