#!/usr/bin/env python3
"""A deliberately broken okienko conformance adapter: python-ok.py with five mistakes integrations really make.

    okienko conformance run --sut "python3 examples/conformance/python-broken.py" --report report

It fails exactly these scenarios, and the report says why each time:
- edelivery-retry-after: it tries again after a second, whatever Retry-After says;
- edelivery-poll-without-opening: it reads each new message in full "to store its text", which opens it;
- edelivery-forged-evidence: it takes an evidence's word without checking its signature;
- epuap-delivered-twice: it does not recognise a document it stored before, and stores it again;
- epuap-crash-after-confirm: it confirms a document before storing it, so a crash in between loses it.
Everything else it does as python-ok.py does, and passes.
"""
import base64
import hashlib
import importlib.util
import json
import os
import sys
import urllib.parse

_spec = importlib.util.spec_from_file_location("python_ok", os.path.join(os.path.dirname(os.path.abspath(__file__)), "python-ok.py"))
ok = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ok)


def retry_after_a_second(self, answer, attempt):
    """Mistake 1: a busy answer is retried after a second, whatever Retry-After says."""
    return 1


def evidences_taken_on_trust(self, message_id, wanted, certificate):
    """Mistake 3: an evidence is recorded as genuine because the operator's API served it."""
    for e in self.listed_evidences(message_id, wanted):
        if e.get("type") in wanted:
            ok.emit("evidence", messageId=message_id, type=e.get("type"), verdict="GENUINE", reason="served by the operator")


def receive_messages_opening_them(sim, state):
    """Mistake 2: each new message is read in full to store its text, which opens it (the office received it now)."""
    mailbox = ok.Mailbox(sim)
    folder = os.path.join(state, "edelivery")
    os.makedirs(folder, exist_ok=True)
    listing = mailbox.get("/messages?" + urllib.parse.urlencode({"label": "INBOX", "format": "metadata", "limit": 100}))
    for m in listing.get("messages", []):
        message_id = m["messageMetadata"]["messageId"]
        full = mailbox.message(message_id, "full")
        ok.write(os.path.join(folder, message_id.replace("/", "_") + ".json"), json.dumps(full).encode())
        ok.emit("stored", messageId=message_id)


def receive_documents_confirming_first(sim, task, state):
    """Mistakes 4 and 5: confirmed before it is stored, and stored under a new name each time it comes."""
    epuap = ok.Epuap(sim)
    box = task["params"]["box"]
    folder = os.path.join(state, "epuap")
    os.makedirs(folder, exist_ok=True)
    while True:
        answer, kod = epuap.call("pull", "ZapytaniePullPobierz", epuap.box(box))
        if kod != "1":
            return
        document = answer.find("dokument")
        content = base64.b64decode(document.findtext("zawartosc") or "")
        skrot = base64.b64encode(hashlib.sha1(content).digest()).decode("ascii")
        epuap.call("pull", "ZapytaniePullPotwierdz", epuap.box(box) + [("skrot", skrot)])
        key = ok.uuid.uuid4().hex
        sha = hashlib.sha256(content).hexdigest()
        ok.write(os.path.join(folder, key + ".bin"), content)
        ok.write(os.path.join(folder, key + ".json"), json.dumps({"sha256": sha, "fileName": document.findtext("nazwaPliku")}).encode())
        ok.emit("stored", id=key, sha256=sha, fileName=document.findtext("nazwaPliku"))


ok.Mailbox.busy_wait = retry_after_a_second
ok.Mailbox.evidences = evidences_taken_on_trust
ok.receive_messages = receive_messages_opening_them
ok.receive_documents = receive_documents_confirming_first

if __name__ == "__main__":
    sys.exit(ok.main())
