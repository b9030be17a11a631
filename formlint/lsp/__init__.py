"""``formlint lsp``: findings in the editor, as the author types (the Language Server Protocol).

    jsonrpc      reading and writing the protocol's framed JSON messages
    positions    formlint's lines and character columns <-> the editor's positions
    diagnostics  a finding -> an LSP diagnostic; a safe fix -> a quick fix
    server       the documents the editor holds, the settings for each, the message loop
"""
