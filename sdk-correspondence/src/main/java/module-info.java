/**
 * The one window: an office's outgoing correspondence in a real database, routed and sent exactly once.
 */
module dev.okienko.correspondence {
    requires transitive dev.okienko.core;
    requires transitive dev.okienko.edelivery;
    requires transitive dev.okienko.epuap;
    requires transitive java.sql;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires static transitive org.jspecify;

    exports dev.okienko.correspondence;
}
