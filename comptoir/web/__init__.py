"""The web's face: the chat widget (script, styles, its WebSocket) and the storefront's assets."""

__all__: list[str] = []
