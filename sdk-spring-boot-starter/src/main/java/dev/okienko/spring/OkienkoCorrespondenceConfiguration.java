package dev.okienko.spring;

import dev.okienko.core.EpuapAddress;
import dev.okienko.correspondence.Correspondence;
import dev.okienko.correspondence.CorrespondenceStore;
import dev.okienko.correspondence.IncomingHandler;
import dev.okienko.correspondence.Receivers;
import dev.okienko.correspondence.Workers;
import dev.okienko.edelivery.AddressBook;
import dev.okienko.edelivery.Mailbox;
import dev.okienko.epuap.EpuapClient;
import dev.okienko.epuap.document.Party;
import dev.okienko.signature.SignatureVerifier;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;

/**
 * The one window in a Spring Boot application, when {@code okienko.correspondence.store} is set: the
 * {@link CorrespondenceStore} (a folder for the embedded H2, a JDBC URL, or {@code datasource} for the application's
 * own {@link DataSource}), the {@link Correspondence} with the channels the other beans give (the e-Doręczenia
 * mailbox and address book, the ePUAP client and box), receiving from them into the application's
 * {@link IncomingHandler} bean, and the workers and receivers started and stopped with the application.
 */
@AutoConfiguration(after = OkienkoAutoConfiguration.class)
@ConditionalOnProperty(prefix = "okienko.correspondence", name = "store")
public class OkienkoCorrespondenceConfiguration {

    /** Used by Spring. */
    public OkienkoCorrespondenceConfiguration() {
    }

    /**
     * @param properties the settings
     * @param dataSource the application's data source, for {@code store=datasource}
     * @return the store, migrated; closed with the application
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CorrespondenceStore okienkoCorrespondenceStore(OkienkoProperties properties, ObjectProvider<DataSource> dataSource) {
        OkienkoProperties.CorrespondenceSettings c = properties.getCorrespondence();
        String store = Objects.requireNonNull(c.getStore(), "okienko.correspondence.store");
        Path content = c.getContentFolder();
        if (store.equals("datasource")) {
            DataSource ds = dataSource.getIfAvailable();
            if (ds == null || content == null) {
                throw new IllegalStateException("okienko.correspondence.store=datasource needs the application's DataSource bean"
                        + " and okienko.correspondence.content-folder (a folder every node shares)");
            }
            return CorrespondenceStore.of(ds, content).migrate();
        }
        if (store.startsWith("jdbc:") && content == null) {
            throw new IllegalStateException("okienko.correspondence.store=" + store.replaceAll("password=[^;&]*", "password=***")
                    + " needs okienko.correspondence.content-folder (a folder every node shares)");
        }
        return CorrespondenceStore.open(store, c.getUser(), c.getPassword(), content == null ? Path.of(store, "content") : content);
    }

    /**
     * @param properties the settings
     * @param store the store
     * @param mailbox the office's mailbox, if configured
     * @param addressBook the address book, if configured
     * @param epuap the ePUAP client, if configured
     * @param verifier the verifier
     * @param handler the application's handler of incoming items, if any
     * @param clock the application's clock, if any
     * @return the one window
     */
    @Bean
    @ConditionalOnMissingBean
    public Correspondence okienkoCorrespondence(OkienkoProperties properties, CorrespondenceStore store, ObjectProvider<Mailbox> mailbox,
                                                ObjectProvider<AddressBook> addressBook, ObjectProvider<EpuapClient> epuap,
                                                SignatureVerifier verifier, ObjectProvider<IncomingHandler> handler,
                                                ObjectProvider<Clock> clock) {
        OkienkoProperties.CorrespondenceSettings c = properties.getCorrespondence();
        Correspondence.Builder b = Correspondence.builder().store(store).verifySignatures(verifier);
        Clock appClock = clock.getIfAvailable();
        if (appClock != null) {
            b.clock(appClock);
        }
        Mailbox m = mailbox.getIfAvailable();
        AddressBook book = addressBook.getIfAvailable();
        if (m != null && book != null) {
            b.edelivery(m, book);
            if (c.isReceiveEdelivery()) {
                b.receiveEdelivery(m, c.getEdeliveryOpening());
            }
        }
        EpuapClient client = epuap.getIfAvailable();
        String box = c.getEpuapBox();
        if (client != null && box != null) {
            EpuapAddress address = EpuapAddress.parse(box);
            b.epuap(client, address, Party.institution(c.getOfficeName(), null));
            if (c.isReceiveEpuap()) {
                b.receiveEpuap(client, address.entityId(), address);
            }
        }
        IncomingHandler h = handler.getIfAvailable();
        if (h != null) {
            b.incoming(h);
        }
        if (c.getNode() != null) {
            b.node(c.getNode());
        }
        return b.build();
    }

    /**
     * @param properties the settings
     * @param window the one window
     * @return what starts the workers and receivers with the application and stops them with it
     */
    @Bean
    @ConditionalOnMissingBean
    public CorrespondenceRunner okienkoCorrespondenceRunner(OkienkoProperties properties, Correspondence window) {
        return new CorrespondenceRunner(window, properties.getCorrespondence());
    }

    /**
     * Starts the window's workers ({@code okienko.correspondence.workers} threads; none for 0) and receivers (every
     * {@code okienko.correspondence.receive-poll-interval}, when receiving is configured) when the application starts,
     * and closes them, letting the letters and documents in hand finish, when it stops.
     */
    public static final class CorrespondenceRunner implements SmartLifecycle {
        private final Correspondence window;
        private final OkienkoProperties.CorrespondenceSettings settings;
        private @Nullable Workers workers;
        private @Nullable Receivers receivers;

        CorrespondenceRunner(Correspondence window, OkienkoProperties.CorrespondenceSettings settings) {
            this.window = window;
            this.settings = settings;
        }

        @Override
        public synchronized void start() {
            if (settings.getWorkers() > 0) {
                workers = window.startWorkers(settings.getWorkers());
            }
            if (settings.getReceivePollInterval() != null && (settings.isReceiveEdelivery() || settings.isReceiveEpuap())) {
                receivers = window.startReceivers(settings.getReceivePollInterval());
            }
        }

        @Override
        public synchronized void stop() {
            if (receivers != null) {
                receivers.close();
                receivers = null;
            }
            if (workers != null) {
                workers.close();
                workers = null;
            }
        }

        @Override
        public synchronized boolean isRunning() {
            return workers != null || receivers != null;
        }
    }
}
