package dev.okienko.correspondence;

/** What carries a letter to one recipient. */
public enum Channel {
    /** e-Doręczenia, to the recipient's electronic delivery address (ADE). */
    EDELIVERY,
    /** ePUAP, to the recipient's box. */
    EPUAP,
    /** A hybrid letter: e-Doręczenia's public hybrid service prints it and delivers it on paper. */
    HYBRID,
    /** None: the recipient cannot be reached; the routing decision says why. */
    NONE
}
