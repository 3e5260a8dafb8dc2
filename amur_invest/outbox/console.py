"""The console mail backend of `make run`, printing mail as its reader sees it.

Django's own console backend prints the message as it goes over the wire,
where Russian and Japanese bodies are base64: nothing a developer can read or
click. This one prints the headers decoded and each text part as text."""

from django.core.mail.backends import console

# Headers about the wire encoding, which the printed text no longer has.
WIRE_HEADERS = {"content-transfer-encoding", "mime-version"}


class EmailBackend(console.EmailBackend):
    def write_message(self, message):
        msg = message.message()
        for name, value in msg.items():
            if name.lower() not in WIRE_HEADERS:
                self.stream.write(f"{name}: {value}\n")
        for part in msg.walk():
            if part.is_multipart():
                continue
            if part.get_content_maintype() == "text" and not part.is_attachment():
                self.stream.write(f"\n{part.get_content()}")
            else:
                name = part.get_filename() or ""
                self.stream.write(f"\n[{part.get_content_type()} {name}]\n")
        self.stream.write("-" * 79 + "\n")
