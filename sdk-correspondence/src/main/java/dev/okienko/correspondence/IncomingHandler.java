package dev.okienko.correspondence;

/**
 * The office's own taking-over of an incoming item (registering it in its EZD). Called at least once per item,
 * after the item is stored; the item counts as handled only when this returns normally. Use
 * {@link IncomingItem#id()} to recognise an item given again (after a crash, before the "handled" mark was
 * stored). Contents are read with {@link Correspondence#openIncoming(String)}.
 */
@FunctionalInterface
public interface IncomingHandler {
    /**
     * @param item the stored item, with its flags
     * @throws Exception when it could not be taken over: it is given again after a delay, and after the window's
     *     limit it waits for a person with this error kept
     */
    void handle(IncomingItem item) throws Exception;
}
