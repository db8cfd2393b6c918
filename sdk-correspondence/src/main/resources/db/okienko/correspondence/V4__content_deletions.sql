-- okienko's correspondence store, version 4: content files that removal or erasure left without a reader, to be
-- deleted once nothing needs them and no writer can be about to refer to them again (a file written or reused
-- in the last hour is left for a later run); incoming items filed under a case

CREATE TABLE okienko_content_deletion (
    content_hash    VARCHAR(64)   NOT NULL PRIMARY KEY,
    since           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- the office's case reference an incoming item was filed under (Correspondence.fileIncoming), so that one view
-- shows a case's incoming and outgoing correspondence together
ALTER TABLE okienko_incoming ADD COLUMN case_ref VARCHAR(200);
CREATE INDEX okienko_incoming_case ON okienko_incoming (case_ref);
CREATE INDEX okienko_incoming_sender ON okienko_incoming (sender);
