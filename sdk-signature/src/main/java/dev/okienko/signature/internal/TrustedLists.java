package dev.okienko.signature.internal;

import dev.okienko.signature.TrustedListStatus;
import eu.europa.esig.dss.model.tsl.DownloadInfoRecord;
import eu.europa.esig.dss.model.tsl.ParsingInfoRecord;
import eu.europa.esig.dss.model.tsl.TLInfo;
import eu.europa.esig.dss.model.tsl.TLValidationJobSummary;
import eu.europa.esig.dss.model.tsl.ValidationInfoRecord;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.service.http.commons.FileCacheDataLoader;
import eu.europa.esig.dss.spi.client.http.IgnoreDataLoader;
import eu.europa.esig.dss.spi.tsl.TrustedListsCertificateSource;
import eu.europa.esig.dss.spi.x509.CommonCertificateSource;
import eu.europa.esig.dss.tsl.function.GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate;
import eu.europa.esig.dss.tsl.function.TLPredicateFactory;
import eu.europa.esig.dss.tsl.job.TLValidationJob;
import eu.europa.esig.dss.tsl.source.LOTLSource;
import eu.europa.esig.dss.tsl.source.TLSource;
import eu.europa.esig.dss.tsl.sync.ExpirationAndSignatureCheckStrategy;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Trusted lists (national TLs and lists of trusted lists) loaded by DSS's TL validation job through
 * okienko's HTTP stack into an on-disk cache. A refresh that fails keeps what was loaded before: DSS
 * synchronises only what it could download, parse and validate, and the cache keeps the last good copy.
 * Stricter than DSS's defaults: a list whose signature fails or that is past its next update makes nothing
 * trusted, and a service is a trust anchor only while its status is granted (or recognised at national
 * level).
 */
public final class TrustedLists {
    /** A list to load. */
    public record Source(URI url, List<X509Certificate> signers, boolean listOfLists, List<String> territories) {
    }

    private final TLValidationJob job;
    private final TrustedListsCertificateSource certificates = new TrustedListsCertificateSource();
    private final boolean offline;

    /**
     * Sets up the job and loads the lists once: from the network, or only from the cache when offline.
     *
     * @param sources the lists
     * @param cacheDirectory where downloaded lists are kept
     * @param http the HTTP client, unused when offline
     * @param offline whether to use the cache only
     */
    public TrustedLists(List<Source> sources, Path cacheDirectory, OkHttpClient http, boolean offline) {
        this.offline = offline;
        job = new TLValidationJob();
        List<TLSource> tls = new ArrayList<>();
        List<LOTLSource> lotls = new ArrayList<>();
        for (Source s : sources) {
            CommonCertificateSource signers = new CommonCertificateSource();
            s.signers().forEach(c -> signers.addCertificate(new CertificateToken(c)));
            if (s.listOfLists()) {
                LOTLSource lotl = new LOTLSource();
                lotl.setUrl(s.url().toString());
                lotl.setCertificateSource(signers);
                lotl.setPivotSupport(true);
                if (!s.territories().isEmpty()) {
                    lotl.setTlPredicate(TLPredicateFactory.createEUTLCountryCodePredicate(s.territories().toArray(new String[0])));
                }
                lotl.setTrustAnchorValidityPredicate(new GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate());
                lotls.add(lotl);
            } else {
                TLSource tl = new TLSource();
                tl.setUrl(s.url().toString());
                tl.setCertificateSource(signers);
                tl.setTrustAnchorValidityPredicate(new GrantedOrRecognizedAtNationalLevelTrustAnchorPeriodPredicate());
                tls.add(tl);
            }
        }
        job.setTrustedListSources(tls.toArray(new TLSource[0]));
        job.setListOfTrustedListSources(lotls.toArray(new LOTLSource[0]));

        FileCacheDataLoader online = new FileCacheDataLoader(new OkHttpDataLoader(http, null));
        online.setFileCacheDirectory(cacheDirectory.toFile());
        online.setCacheExpirationTime(0);
        FileCacheDataLoader cacheOnly = new FileCacheDataLoader(new IgnoreDataLoader());
        cacheOnly.setFileCacheDirectory(cacheDirectory.toFile());
        cacheOnly.setCacheExpirationTime(-1);
        job.setOnlineDataLoader(online);
        job.setOfflineDataLoader(cacheOnly);
        job.setTrustedListCertificateSource(certificates);
        // only lists that are signed by a pinned certificate and not expired make anything trusted
        job.setSynchronizationStrategy(new ExpirationAndSignatureCheckStrategy());
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "okienko-trusted-lists");
            t.setDaemon(true);
            return t;
        });
        job.setExecutorService(executor);
        refresh();
    }

    /** Loads the lists again: online unless offline; what cannot be had keeps its previous state. */
    public void refresh() {
        if (offline) {
            job.offlineRefresh();
        } else {
            job.onlineRefresh();
        }
    }

    /** @return the certificates the lists make trusted, updated in place by {@link #refresh()} */
    public TrustedListsCertificateSource certificates() {
        return certificates;
    }

    /** @return the state of every list, lists of lists first */
    public List<TrustedListStatus> status() {
        TLValidationJobSummary summary = job.getSummary();
        List<TrustedListStatus> out = new ArrayList<>();
        summary.getLOTLInfos().forEach(lotl -> {
            out.add(status(lotl));
            lotl.getTLInfos().forEach(tl -> out.add(status(tl)));
        });
        summary.getOtherTLInfos().forEach(tl -> out.add(status(tl)));
        return out;
    }

    private static TrustedListStatus status(TLInfo info) {
        DownloadInfoRecord download = info.getDownloadCacheInfo();
        ParsingInfoRecord parsing = info.getParsingCacheInfo();
        ValidationInfoRecord validation = info.getValidationCacheInfo();
        boolean loaded = parsing != null && parsing.getIssueDate() != null;
        String error = download != null && download.isError() ? download.getExceptionMessage()
                : parsing != null && parsing.isError() ? parsing.getExceptionMessage()
                : validation != null && validation.isError() ? validation.getExceptionMessage()
                : parsing != null && parsing.getStructureValidationMessages() != null
                        && !parsing.getStructureValidationMessages().isEmpty()
                ? "the list does not follow the TS 119 612 schema: " + String.join("; ", parsing.getStructureValidationMessages())
                : null;
        boolean validationDone = validation != null && validation.getIndication() != null;
        return new TrustedListStatus(info.getUrl(), loaded, validationDone && validation.isValid(),
                validationDone ? validation.getIndication().name() : null,
                loaded ? parsing.getTerritory() : null, loaded ? parsing.getSequenceNumber() : null,
                loaded ? instant(parsing.getIssueDate()) : null, loaded ? instant(parsing.getNextUpdateDate()) : null,
                loaded && parsing.getTrustServiceProviders() != null ? parsing.getTrustServiceProviders().size() : 0, error);
    }

    private static java.time.@Nullable Instant instant(@Nullable Date d) {
        return d == null ? null : d.toInstant();
    }
}
