-- okienko's correspondence store, version 4: content files that removal or erasure left without a reader, to be
-- deleted once nothing needs them and no writer can be about to refer to them again (a file written or reused
-- in the last hour is left for a later run)

CREATE TABLE okienko_content_deletion (
    content_hash    VARCHAR(64)   NOT NULL PRIMARY KEY,
    since           TIMESTAMP WITH TIME ZONE NOT NULL
);
