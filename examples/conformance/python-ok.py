#!/usr/bin/env python3
"""An okienko conformance adapter in Python, standard library only: a system under test that is not Java.

    okienko conformance run --sut "python3 examples/conformance/python-ok.py"

The kit runs it once per step as ``python-ok.py simulator.json task.json``; it performs the task against the
simulators simulator.json describes and prints what it did as JSON lines ({"event": ...}). Everything a real
integration needs is here, written by hand: RS256 client assertions (RFC 7523), the e-Doręczenia UA and SE APIs,
ePUAP SOAP with WS-Security (RSA-SHA256 over the exclusively canonicalised Body), and checking the XAdES
signatures of evidences and UPPs against the operator's and ePUAP's certificates. It keeps what it stores in the
task's state folder, written whole before anything is confirmed.
"""
import base64
import hashlib
import json
import os
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import xml.etree.ElementTree as ET

DS = "http://www.w3.org/2000/09/xmldsig#"


def emit(event, **fields):
    """Reports one thing the system did."""
    print(json.dumps(dict(event=event, **fields), ensure_ascii=False), flush=True)


def log(*parts):
    print(*parts, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- DER, RSA, certificates

def der(data, pos=0):
    """Reads one DER element: (tag, value, next position)."""
    tag = data[pos]
    length = data[pos + 1]
    pos += 2
    if length & 0x80:
        n = length & 0x7F
        length = int.from_bytes(data[pos:pos + n], "big")
        pos += n
    return tag, data[pos:pos + length], pos + length


def der_children(value):
    out, pos = [], 0
    while pos < len(value):
        tag, inner, pos = der(value, pos)
        out.append((tag, inner))
    return out


def pem_blocks(text, kind):
    return [base64.b64decode("".join(m.split()))
            for m in re.findall(r"-----BEGIN " + kind + r"-----(.*?)-----END " + kind + r"-----", text, re.S)]


def private_key(pem_path):
    """(n, d) of a PKCS#8 RSA private key."""
    with open(pem_path, encoding="ascii") as f:
        info = der_children(der(pem_blocks(f.read(), "PRIVATE KEY")[0])[1])
    rsa = der_children(der(info[2][1])[1])
    return int.from_bytes(rsa[1][1], "big"), int.from_bytes(rsa[3][1], "big")


def public_key(certificate_der):
    """(n, e) of an X.509 certificate's RSA key."""
    tbs = der_children(der_children(der(certificate_der)[1])[0][1])
    if tbs[0][0] == 0xA0:  # [0] version
        tbs = tbs[1:]
    spki = der_children(tbs[5][1])
    bits = spki[1][1][1:]  # BIT STRING: unused-bits octet first
    n, e = der_children(der(bits)[1])
    return int.from_bytes(n[1], "big"), int.from_bytes(e[1], "big")


SHA256_INFO = bytes.fromhex("3031300d060960864801650304020105000420")


def emsa(digest, size):
    t = SHA256_INFO + digest
    return b"\x00\x01" + b"\xff" * (size - len(t) - 3) + b"\x00" + t


def rsa_sign(key, message):
    n, d = key
    size = (n.bit_length() + 7) // 8
    m = int.from_bytes(emsa(hashlib.sha256(message).digest(), size), "big")
    return pow(m, d, n).to_bytes(size, "big")


def rsa_verify(key, message, signature):
    n, e = key
    size = (n.bit_length() + 7) // 8
    return pow(int.from_bytes(signature, "big"), e, n).to_bytes(size, "big") == emsa(hashlib.sha256(message).digest(), size)


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


# ---------------------------------------------------------------- XML signatures (exclusive C14N)

def in_scope_namespaces(text, start):
    """The namespace declarations in scope at position start of an XML text (those of open ancestors)."""
    declared, stack = {}, []
    for m in re.finditer(r"<(/?)([A-Za-z_][\w.-]*(?::[\w.-]+)?)((?:\s+[^\s=>/]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*(/?)>", text[:start]):
        closing, attrs, empty = m.group(1), m.group(3), m.group(4)
        if closing:
            if stack:
                stack.pop()
            continue
        ns = dict(re.findall(r"xmlns(?::([\w.-]+))?\s*=\s*[\"']([^\"']*)[\"']", attrs))
        if not empty:
            stack.append(ns)
    for ns in stack:
        declared.update(ns)
    return declared


def element_span(text, local, attr=None, value=None):
    """(start, end, qualified name) of the first element with that local name (and attribute value), or None."""
    for m in re.finditer(r"<((?:[\w.-]+:)?" + local + r")(?=[\s>/])", text):
        start = m.start()
        tag = text[start:text.index(">", start) + 1]
        if attr and not re.search(r"\s" + attr + r"\s*=\s*[\"']" + re.escape(value) + r"[\"']", tag):
            continue
        name = m.group(1)
        if tag.endswith("/>"):
            return start, start + len(tag), name
        depth = 0
        for t in re.finditer(r"<(/?)" + re.escape(name) + r"(?=[\s>/])", text[start:]):
            at = start + t.start()
            full = text[at:text.index(">", at) + 1]
            if t.group(1):
                depth -= 1
            elif not full.endswith("/>"):
                depth += 1
            if depth == 0:
                return start, at + len(full), name
    return None


def element_text(text, local, attr=None, value=None):
    """The element as text, with the namespaces its ancestors declare added to its start tag."""
    span = element_span(text, local, attr, value)
    if span is None:
        return None
    start, end, name = span
    fragment = text[start:end]
    tag = fragment[:fragment.index(">") + 1]
    own = dict(re.findall(r"xmlns(?::([\w.-]+))?\s*=\s*[\"']([^\"']*)[\"']", tag))
    extra = "".join(" xmlns%s=\"%s\"" % (":" + p if p else "", u) for p, u in in_scope_namespaces(text, start).items() if p not in own)
    return fragment[:len(name) + 1] + extra + fragment[len(name) + 1:]


def c14n(fragment):
    """Exclusive C14N 1.0 as C14N 2.0 gives it for these documents: only the namespaces each element uses."""
    return ET.canonicalize(xml_data=fragment, with_comments=False).encode("utf-8")


def verify_xml_signature(xml_bytes, expected_certificate_der):
    """(genuine, reason): the enveloped XMLDSig signature verifies, covers the whole document, and is the certificate's."""
    text = xml_bytes.decode("utf-8")
    if text.startswith("\ufeff"):
        text = text[1:]
    text = re.sub(r"^<\?xml[^>]*\?>\s*", "", text)
    signature = element_text(text, "Signature")
    if signature is None:
        return False, "no signature"
    signed_info = element_text(text, "SignedInfo")
    info = ET.fromstring(signed_info)
    method = info.find("{%s}SignatureMethod" % DS).get("Algorithm")
    if method != "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256":
        return False, "signature method " + method
    whole = False
    for ref in info.findall("{%s}Reference" % DS):
        uri = ref.get("URI")
        transforms = [t.get("Algorithm") for t in ref.findall("{%s}Transforms/{%s}Transform" % (DS, DS))]
        digest_method = ref.find("{%s}DigestMethod" % DS).get("Algorithm")
        if digest_method != "http://www.w3.org/2001/04/xmlenc#sha256":
            return False, "digest method " + digest_method
        if uri == "":
            if "http://www.w3.org/2000/09/xmldsig#enveloped-signature" not in transforms:
                return False, "the whole-document reference is not enveloped"
            start, end, _ = element_span(text, "Signature")
            referenced = text[:start] + text[end:]
            whole = True
        elif uri.startswith("#"):
            referenced = element_text(text, r"[\w.-]+", "Id", uri[1:])
            if referenced is None:
                return False, "no element with Id " + uri[1:]
        else:
            return False, "an external reference " + uri
        actual = base64.b64encode(hashlib.sha256(c14n(referenced)).digest()).decode("ascii")
        if actual != "".join(ref.find("{%s}DigestValue" % DS).text.split()):
            return False, "the digest of reference '%s' does not match: the document was changed after signing" % uri
    if not whole:
        return False, "the signature does not cover the whole document"
    sig = ET.fromstring(signature)
    certificate = base64.b64decode("".join(sig.find(".//{%s}X509Certificate" % DS).text.split()))
    if certificate != expected_certificate_der:
        return False, "signed by another certificate than the expected one"
    value = base64.b64decode("".join(sig.find("{%s}SignatureValue" % DS).text.split()))
    if not rsa_verify(public_key(certificate), c14n(signed_info), value):
        return False, "the signature value does not verify"
    return True, "signed by the expected certificate over the whole document"


def verify_envelope(xml_bytes, expected_certificate_der):
    """(genuine, reason): a SOAP answer's WS-Security signature covers its Body and is the expected certificate's."""
    text = xml_bytes.decode("utf-8")
    text = re.sub(r"^\ufeff?(<\?xml[^>]*\?>)?\s*", "", text)
    signed_info = element_text(text, "SignedInfo")
    if signed_info is None:
        return False, "the answer is not signed"
    info = ET.fromstring(signed_info)
    if info.find("{%s}SignatureMethod" % DS).get("Algorithm") != "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256":
        return False, "not signed with RSA-SHA256"
    refs = info.findall("{%s}Reference" % DS)
    body = element_span(text, "Body")
    if body is None:
        return False, "no Body"
    body_tag = text[body[0]:text.index(">", body[0]) + 1]
    body_id = re.search(r"\s(?:[\w.-]+:)?Id\s*=\s*[\"']([^\"']+)[\"']", body_tag)
    uris = [r.get("URI") for r in refs]
    if not body_id or uris.count("#" + body_id.group(1)) != 1 or len(refs) > 2:
        return False, "the signature does not cover the Body (and at most the Timestamp)"
    for ref in refs:
        target = ref.get("URI")[1:]
        if target == body_id.group(1):
            part = element_text(text, "Body")
        else:  # the one other part it may cover: the Security header's Timestamp
            part = element_text(text, "Timestamp", r"(?:[\w.-]+:)?Id", target)
            if part is None:
                return False, "the signature covers something else than the Body and the Timestamp"
        actual = base64.b64encode(hashlib.sha256(c14n(part)).digest()).decode("ascii")
        if actual != "".join(ref.find("{%s}DigestValue" % DS).text.split()):
            return False, "a signed part was changed after signing"
    token = element_text(text, "BinarySecurityToken")
    certificate = base64.b64decode("".join(ET.fromstring(token).text.split())) if token else None
    if certificate != expected_certificate_der:
        return False, "signed by another certificate than ePUAP's"
    value = element_text(text, "SignatureValue")
    if not rsa_verify(public_key(certificate), c14n(signed_info), base64.b64decode("".join(ET.fromstring(value).text.split()))):
        return False, "the signature value does not verify"
    return True, "signed by ePUAP"


def certificate_der(pem_path):
    with open(pem_path, encoding="ascii") as f:
        return pem_blocks(f.read(), "CERTIFICATE")[0]


# ---------------------------------------------------------------- HTTP

class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8")) if self.body else {}


class Lost(Exception):
    """The request went out and no answer came: it may have been processed."""


def http(method, url, body=None, headers=None, timeout=60):
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return Answer(r.status, dict(r.headers), r.read())
    except urllib.error.HTTPError as e:
        return Answer(e.code, dict(e.headers), e.read())
    except urllib.error.URLError as e:
        if isinstance(e.reason, ConnectionRefusedError):
            raise
        raise Lost(str(e.reason)) from e
    except (ConnectionError, OSError) as e:  # the connection dropped after the request went out
        raise Lost(str(e)) from e


# ---------------------------------------------------------------- e-Doręczenia

class Tokens:
    """Access tokens for the system, from RS256 client assertions (RFC 7523), renewed before they expire."""

    def __init__(self, sim):
        ed = sim["edelivery"]
        self.url = ed["tokenUrl"]
        self.realm = self.url[:self.url.index("/protocol/openid-connect/")]
        self.client = ed["system"]["ade"] + ".SYSTEM." + ed["system"]["name"]
        self.key = private_key(ed["system"]["keyPem"])
        self.certificate = certificate_der(ed["system"]["certificatePem"])
        self.value, self.expires = None, 0

    def token(self):
        if self.value is None or time.time() > self.expires:
            now = int(time.time())
            header = {"alg": "RS256", "typ": "JWT", "x5t#S256": b64url(hashlib.sha256(self.certificate).digest())}
            claims = {"iss": self.client, "sub": self.client, "aud": self.realm, "iat": now, "exp": now + 60, "jti": str(uuid.uuid4())}
            signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
            assertion = signing_input + "." + b64url(rsa_sign(self.key, signing_input.encode("ascii")))
            form = urllib.parse.urlencode({"grant_type": "client_credentials", "client_assertion": assertion,
                                           "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"})
            a = http("POST", self.url, form.encode(), {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"})
            if a.status != 200:
                raise RuntimeError("the token endpoint refused: HTTP %d %s" % (a.status, a.body[:300]))
            answer = a.json()
            self.value = answer["access_token"]
            # renewed at half its life: a token is never used near its end
            self.expires = time.time() + int(answer.get("expires_in", 300)) / 2
        return self.value

    def invalidate(self):
        self.value = None


class Mailbox:
    """The system's own mailbox through the UA API."""

    def __init__(self, sim):
        ed = sim["edelivery"]
        self.tokens = Tokens(sim)
        self.ade = ed["system"]["ade"]
        self.base = ed["uaUrl"].rstrip("/") + "/" + urllib.parse.quote(self.ade, safe=":")
        self.se = ed["seUrl"].rstrip("/")

    def call(self, method, path, body=None, content_type="application/json", base=None):
        """One request; a 401 gets a new token and is made again, 429 and 503 are waited out as Retry-After says."""
        for attempt in range(1, 5):
            headers = {"Authorization": "Bearer " + self.tokens.token(), "Accept": "application/json"}
            if body is not None:
                headers["Content-Type"] = content_type
            a = http(method, (base or self.base) + path, body, headers)
            if a.status == 401 and attempt == 1:
                self.tokens.invalidate()
                continue
            if a.status in (429, 503) and attempt < 4:
                time.sleep(self.busy_wait(a, attempt))
                continue
            return a
        return a

    def busy_wait(self, answer, attempt):
        """Seconds to wait after a busy answer: its Retry-After (at most a minute), or the attempt's number."""
        wait = next((v for k, v in answer.headers.items() if k.lower() == "retry-after"), str(attempt))
        return min(int(wait) if wait.strip().isdigit() else attempt, 60)

    def get(self, path):
        a = self.call("GET", path)
        if a.status != 200:
            raise RuntimeError("GET %s: HTTP %d %s" % (path, a.status, a.body[:300]))
        return a.json()

    def search_by_nip(self, nip):
        body = {"recipientEdasOnly": False, "senderEda": self.ade, "officialIds": [{"id": nip, "referenceRegistry": "nip"}],
                "searchByParentIds": False, "offset": 0, "limit": 10}
        a = self.call("POST", "/search/bae_search", json.dumps(body).encode(), base=self.se)
        if a.status != 200:
            raise RuntimeError("BAE search: HTTP %d %s" % (a.status, a.body[:300]))
        for found in a.json().get("baeSearchResponses", []):
            eda = found.get("recipientEda", {})
            return eda.get("recipientEda"), eda.get("edaStatus")
        return None, None

    def send(self, recipients, subject, text, attachments):
        """Sends one message; returns [(address, messageId or None, error)]. Never sends it twice."""
        send_id = str(uuid.uuid4())
        files = []
        for path in attachments:
            with open(path, "rb") as f:
                content = f.read()
            files.append((os.path.basename(path), "application/pdf" if path.endswith(".pdf") else "application/octet-stream",
                          content, base64.b64encode(hashlib.sha3_256(content).digest()).decode("ascii")))
        metadata = {"from": {"eDeliveryAddress": self.ade}, "to": [{"eDeliveryAddress": r} for r in recipients],
                    "subject": subject, "shippingService": "electronic", "additionalData": {"sendId": send_id}}
        inline = all(len(c) <= 15 * 1024 * 1024 for _, _, c, _ in files)
        message = {"messageMetadata": metadata, "textBody": text, "attachments": []}
        if inline:
            for order, (name, ctype, content, sha3) in enumerate(files, 1):
                message["attachments"].append({"order": order, "file": {
                    "fileMetadata": {"fileId": str(uuid.uuid4()), "filename": name, "contentType": ctype, "size": len(content),
                                     "alg": "SHA-3", "hash": sha3}, "file": base64.b64encode(content).decode("ascii")}})
            path, body = "/messages", json.dumps(message).encode()
        else:
            a = self.call("POST", "/drafts", json.dumps(message).encode())
            if a.status not in (200, 201, 202):
                raise RuntimeError("the draft was refused: HTTP %d %s" % (a.status, a.body[:300]))
            draft = a.json()["messageId"]
            for name, ctype, content, sha3 in files:
                boundary = uuid.uuid4().hex
                parts = []
                for field, value in (("filename", name), ("contentType", ctype), ("size", str(len(content))), ("alg", "SHA-3")):
                    parts.append(("--%s\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (boundary, field, value)).encode())
                parts.append(("--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"%s\"\r\nContent-Type: %s\r\n\r\n"
                              % (boundary, name, ctype)).encode() + content + b"\r\n")
                parts.append(("--%s--\r\n" % boundary).encode())
                a = self.call("POST", "/" + draft + "/attachments/upload", b"".join(parts), "multipart/form-data; boundary=" + boundary)
                if a.status not in (200, 201):
                    raise RuntimeError("the upload was refused: HTTP %d %s" % (a.status, a.body[:300]))
            path, body = "/drafts/send", json.dumps({"messageId": draft}).encode()
        try:
            a = self.call("POST", path, body)
            if a.status >= 400:
                return [(r, None, "HTTP %d %s" % (a.status, a.body[:200].decode("utf-8", "replace"))) for r in recipients]
            task = a.json().get("messageTaskId")
        except Lost as e:
            log("the answer to sending was lost (%s): looking for the letter before anything else" % e)
            task = self.find_sent(subject, send_id)
            if task is None:
                return [(r, None, "the answer was lost and the letter was not found; not sent again") for r in recipients]
        return self.await_task(task)

    def message(self, message_id, fmt):
        """One message ({"messageMetadata": ..., "messageControlData": ...}); the UA API answers a list of one."""
        answer = self.get("/messages/%s?format=%s" % (urllib.parse.quote(message_id), fmt))
        return answer[0] if isinstance(answer, list) else answer

    def find_sent(self, subject, send_id):
        """The task of the sent message that carries the send id, looked for a while: the one sent when an answer was lost."""
        for _ in range(30):
            listing = self.get("/messages?" + urllib.parse.urlencode({"label": "SENT", "format": "metadata", "subject": subject,
                                                                        "limit": 100}))
            for m in listing.get("messages", []):
                # the sender's own copy: reading it in full opens nothing for the recipient
                full = self.message(m["messageMetadata"]["messageId"], "full")
                if (full["messageMetadata"].get("additionalData") or {}).get("sendId") == send_id:
                    return full.get("messageControlData", {}).get("messageTaskId")
            time.sleep(1)
        return None

    def await_task(self, task):
        for _ in range(600):
            status = self.get("/messages/tasks/%s/status" % task)
            if status.get("messageTaskStatus") == "FINISHED":
                break
            time.sleep(0.1)
        out = []
        for r in self.get("/messages/tasks/%s" % task):
            out.append(((r.get("addressee") or {}).get("eDeliveryAddress"), r.get("messageId") or None, r.get("error")))
        return out

    def listed_evidences(self, message_id, wanted):
        """The message's evidences, listed again for up to 30 s until every wanted type is there."""
        listed = []
        for _ in range(300):
            listed = self.get("/messages/%s/evidences" % urllib.parse.quote(message_id)).get("evidences", [])
            if set(wanted) <= {e.get("type") for e in listed}:
                break
            time.sleep(0.1)
        return listed

    def evidences(self, message_id, wanted, certificate):
        for e in self.listed_evidences(message_id, wanted):
            if e.get("type") not in wanted:
                continue
            a = self.call("GET", "/evidences/purde/" + urllib.parse.quote(e["evidenceId"]))
            if a.status != 200:
                emit("evidence", messageId=message_id, type=e.get("type"), verdict="REJECTED", reason="HTTP %d" % a.status)
                continue
            try:
                genuine, reason = verify_xml_signature(a.body, certificate)
                if genuine and message_id.encode() not in a.body:
                    genuine, reason = False, "the evidence names another message"
            except Exception as ex:  # a malformed evidence proves nothing
                genuine, reason = False, "unreadable: %s" % ex
            emit("evidence", messageId=message_id, type=e.get("type"), verdict="GENUINE" if genuine else "REJECTED", reason=reason)


# ---------------------------------------------------------------- ePUAP

SOAP = "http://schemas.xmlsoap.org/soap/envelope/"
WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
OBJECTS = "http://wsdl.epuap.gov.pl/obiekty/"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#xD;")


class Epuap:
    """ePUAP's SOAP services, each request signed with WS-Security (RSA-SHA256 over the exclusively canonical Body)."""

    def __init__(self, sim):
        ep = sim["epuap"]
        self.services = ep["services"]
        self.entity = ep["system"]["entity"]
        self.key = private_key(ep["system"]["keyPem"])
        self.certificate = certificate_der(ep["system"]["certificatePem"])
        self.server = certificate_der(ep["serverCertificate"])

    def call(self, service, operation, children, headers=()):
        """Sends ns:operation with unqualified children [(name, text)] and ns: headers; returns the answer's first Body element."""
        body_id = "Body-" + uuid.uuid4().hex
        token_id = "X509-" + uuid.uuid4().hex
        inner = "".join("<%s>%s</%s>" % (n, esc(v), n) for n, v in children)
        body = c14n('<soapenv:Body xmlns:soapenv="%s" xmlns:wsu="%s" wsu:Id="%s"><ns:%s xmlns:ns="%s">%s</ns:%s></soapenv:Body>'
                    % (SOAP, WSU, body_id, operation, OBJECTS, inner, operation))
        digest = base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")
        signed_info = c14n(
            '<ds:SignedInfo xmlns:ds="%s"><ds:CanonicalizationMethod Algorithm="%s"></ds:CanonicalizationMethod>'
            '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod>'
            '<ds:Reference URI="#%s"><ds:Transforms><ds:Transform Algorithm="%s"></ds:Transform></ds:Transforms>'
            '<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>%s</ds:DigestValue>'
            '</ds:Reference></ds:SignedInfo>' % (DS, EXC_C14N, body_id, EXC_C14N, digest))
        value = base64.b64encode(rsa_sign(self.key, signed_info)).decode("ascii")
        header_items = "".join('<ns:%s xmlns:ns="%s">%s</ns:%s>' % (n, OBJECTS, esc(v), n) for n, v in headers)
        envelope = ('<soapenv:Envelope xmlns:soapenv="%s"><soapenv:Header><wsse:Security xmlns:wsse="%s" xmlns:wsu="%s">'
                    '<wsse:BinarySecurityToken EncodingType="%s" ValueType="%s" wsu:Id="%s">%s</wsse:BinarySecurityToken>'
                    '<ds:Signature xmlns:ds="%s">%s<ds:SignatureValue>%s</ds:SignatureValue><ds:KeyInfo>'
                    '<wsse:SecurityTokenReference><wsse:Reference URI="#%s" ValueType="%s"></wsse:Reference>'
                    '</wsse:SecurityTokenReference></ds:KeyInfo></ds:Signature></wsse:Security>%s</soapenv:Header>%s</soapenv:Envelope>'
                    % (SOAP, WSSE, WSU, BASE64, X509V3, token_id, base64.b64encode(self.certificate).decode("ascii"), DS,
                       signed_info.decode("utf-8"), value, token_id, X509V3, header_items, body.decode("utf-8")))
        a = http("POST", self.services[service], envelope.encode("utf-8"),
                 {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": '""'}, timeout=300)
        root = ET.fromstring(a.body)
        found = root.find("{%s}Body" % SOAP)
        answer = list(found)[0] if found is not None and len(found) else None
        if a.status != 200 or answer is None or answer.tag == "{%s}Fault" % SOAP:
            raise RuntimeError("%s %s: HTTP %d %s" % (service, operation, a.status, (answer.findtext("faultstring") if answer is not None else "")))
        genuine, reason = verify_envelope(a.body, self.server)
        if not genuine:
            # nothing in an answer ePUAP did not sign is believed: no document is stored, nothing is confirmed
            raise RuntimeError("%s %s: the answer is refused: %s" % (service, operation, reason))
        status = answer.find("status")
        return answer, (status.findtext("kod") if status is not None else None)

    def box(self, address):
        return [("podmiot", self.entity), ("nazwaSkrytki", address[address.rindex("/") + 1:]), ("adresSkrytki", address)]


def receive_documents(sim, task, state):
    """Each document is written whole into the state folder, then confirmed; one seen before is only confirmed."""
    epuap = Epuap(sim)
    box = task["params"]["box"]
    folder = os.path.join(state, "epuap")
    os.makedirs(folder, exist_ok=True)
    while True:
        answer, kod = epuap.call("pull", "ZapytaniePullPobierz", epuap.box(box))
        if kod != "1":
            return
        document = answer.find("dokument")
        content = base64.b64decode(document.findtext("zawartosc") or "")
        name = document.findtext("nazwaPliku")
        sender = answer.findtext("danePodmiotu/identyfikator") or ""
        sha = hashlib.sha256(content).hexdigest()
        key = hashlib.sha256(("%s\n%s\n%s" % (sender, answer.findtext("dataNadania"), sha)).encode()).hexdigest()
        record = os.path.join(folder, key + ".json")
        if os.path.exists(record):
            emit("duplicate", sha256=sha, fileName=name)
        else:
            write(os.path.join(folder, key + ".bin"), content)
            write(record, json.dumps({"sha256": sha, "fileName": name, "sender": sender}).encode())
            emit("stored", id=key, sha256=sha, fileName=name)
        skrot = base64.b64encode(hashlib.sha1(content).digest()).decode("ascii")
        _, kod = epuap.call("pull", "ZapytaniePullPotwierdz", epuap.box(box) + [("skrot", skrot)])
        if kod != "1":
            raise RuntimeError("ePUAP refused the confirmation of %s: %s" % (name, kod))


def send_document(sim, task):
    epuap = Epuap(sim)
    p = task["params"]
    with open(p["file"], "rb") as f:
        content = f.read()
    answer, kod = epuap.call("skrytka", "Dokument", [("nazwaPliku", os.path.basename(p["file"])), ("typPliku", "text/xml"),
                                                     ("zawartosc", base64.b64encode(content).decode("ascii"))],
                             [("IdentyfikatorPodmiotu", epuap.entity), ("AdresSkrytki", p["to"]), ("AdresOdpowiedzi", p["from"]),
                              ("CzyProbne", "false")])
    if kod != "1":
        raise RuntimeError("ePUAP refused the document: " + str(kod))
    emit("sent", documentId=answer.findtext("identyfikatorDokumentu"))
    upp = answer.findtext("zalacznik/zawartosc")
    if not upp:
        emit("upp", verdict="REJECTED", reason="no UPP came with the answer")
        return
    try:
        genuine, reason = verify_xml_signature(base64.b64decode(upp), epuap.server)
    except Exception as ex:
        genuine, reason = False, "unreadable: %s" % ex
    emit("upp", verdict="GENUINE" if genuine else "REJECTED", reason=reason)


def write(path, data):
    """Whole or not at all: a temporary file, flushed to disk, then moved into place."""
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def listing(state):
    folder = os.path.join(state, "epuap")
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        if name.endswith(".json"):
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                record = json.load(f)
            emit("stored", id=name[:-5], sha256=record["sha256"], fileName=record["fileName"])


# ---------------------------------------------------------------- e-Doręczenia actions

ADE = re.compile(r"^AE:([A-Z]{2})-(\d{5})-(\d{5})-([A-Z]{5})-(\d{2})$")


def ade_valid(value):
    """The address's form and its two check digits: the sum of the digits of |sum of the letters' codes - the two
    numbers|, as the ADE specification gives them."""
    m = ADE.match(value)
    if not m:
        return False
    difference = abs(sum(ord(c) for c in m.group(4)) - (int(m.group(2)) + int(m.group(3))))
    return "%02d" % sum(int(c) for c in str(difference)) == m.group(5)


def send_letters(sim, task):
    mailbox = Mailbox(sim)
    p = task["params"]
    to = p.get("to", [])
    to = [to] if isinstance(to, str) else to
    recipients = []
    for a in to:
        if ade_valid(a):
            recipients.append(a)
        else:
            emit("not-sent", to=a, reason="not an electronic delivery address: its form or check digits are wrong")
    if p.get("nip"):
        ade, status = mailbox.search_by_nip(p["nip"])
        if ade is None:
            emit("not-sent", nip=p["nip"], reason="no electronic delivery address in BAE")
        elif status != "ACTIVE":
            emit("not-sent", nip=p["nip"], ade=ade, reason="the address is " + str(status))
        else:
            recipients.append(ade)
    group = 15 if p.get("oneLetter") == "true" else 1
    wanted = p.get("evidences", [])
    wanted = [wanted] if isinstance(wanted, str) else wanted
    operator = certificate_der(sim["edelivery"]["evidenceCertificate"])
    attachments = p.get("attachments", [])
    attachments = [attachments] if isinstance(attachments, str) else attachments
    for i in range(0, len(recipients), group):
        if i and p.get("pauseSeconds"):
            time.sleep(int(p["pauseSeconds"]))
        for address, message_id, error in mailbox.send(recipients[i:i + group], p["subject"], p.get("text", ""), attachments):
            if message_id is None:
                emit("not-sent", to=str(address), reason=str(error))
                continue
            emit("sent", to=address, messageId=message_id)
            if wanted:
                mailbox.evidences(message_id, wanted, operator)


def status(sim, task):
    mailbox = Mailbox(sim)
    p = task["params"]
    message = mailbox.message(p["messageId"], "metadata")
    named = {"Uznana za doręczoną": "PRESUMED_DELIVERED", "Doręczona": "DELIVERED", "Niedoręczona": "NOT_DELIVERED"}
    raw = message.get("messageControlData", {}).get("status")
    emit("status", messageId=p["messageId"], status=named.get(raw, str(raw)))
    wanted = p.get("evidences", [])
    if wanted:
        mailbox.evidences(p["messageId"], [wanted] if isinstance(wanted, str) else wanted,
                          certificate_der(sim["edelivery"]["evidenceCertificate"]))


def receive_messages(sim, state):
    """Lists the mailbox in metadata format, which opens nothing, and keeps each message's metadata."""
    mailbox = Mailbox(sim)
    folder = os.path.join(state, "edelivery")
    os.makedirs(folder, exist_ok=True)
    listing_ = mailbox.get("/messages?" + urllib.parse.urlencode({"label": "INBOX", "format": "metadata", "limit": 100}))
    for m in listing_.get("messages", []):
        message_id = m["messageMetadata"]["messageId"]
        record = os.path.join(folder, re.sub(r"[^\w.-]", "_", message_id) + ".json")
        if os.path.exists(record):
            emit("duplicate", messageId=message_id)
            continue
        write(record, json.dumps(m).encode())
        emit("stored", messageId=message_id, subject=m["messageMetadata"].get("subject", ""))


def main():
    with open(sys.argv[-2], encoding="utf-8") as f:
        sim = json.load(f)
    with open(sys.argv[-1], encoding="utf-8") as f:
        task = json.load(f)
    action = task["action"]
    if action == "edelivery.send":
        send_letters(sim, task)
    elif action == "edelivery.status":
        status(sim, task)
    elif action == "edelivery.receive":
        receive_messages(sim, task["state"])
    elif action == "epuap.receive":
        receive_documents(sim, task, task["state"])
    elif action == "epuap.send":
        send_document(sim, task)
    elif action == "list":
        listing(task["state"])
    else:
        log("unknown action " + action)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
