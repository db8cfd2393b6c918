-- okienko's correspondence store, version 3: the attachments of incoming items (an e-Doręczenia message has a
-- text and any number of attachments), each with what the service declared and what arrived.

CREATE TABLE okienko_incoming_part (
    incoming_id     VARCHAR(36)   NOT NULL REFERENCES okienko_incoming (id),
    pos             INTEGER       NOT NULL,
    file_name       VARCHAR(1000) NOT NULL,
    media_type      VARCHAR(200),
    declared_size   BIGINT,
    declared_hash   VARCHAR(200),
    content_hash    VARCHAR(64),
    content_size    BIGINT,
    signature_verdict VARCHAR(32) NOT NULL,
    signatures      VARCHAR(8000),
    PRIMARY KEY (incoming_id, pos)
);

-- an item's contents (its text and attachments) removed after its retention period or erased on a party's
-- request; its row, hashes, receipts and timeline stay as the proof that it came
ALTER TABLE okienko_incoming ADD COLUMN contents_removed VARCHAR(1000);
