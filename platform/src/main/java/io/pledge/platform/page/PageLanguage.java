package io.pledge.platform.page;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The languages the customer pages are written in (blueprint §6: Chinese and English). A page is in
 * the language its subject asks for (a survey template's language, say) when that is one of these,
 * otherwise in the best match of the browser's {@code Accept-Language}, otherwise in Chinese: the
 * seeds' customers are Chinese-speaking first.
 */
public enum PageLanguage {
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE),
    EN("en", Locale.ENGLISH);

    /** The BCP 47 tag, for {@code <html lang>} and {@code Content-Language}. */
    public final String tag;
    public final Locale locale;

    PageLanguage(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    /**
     * @param asked          the language the page's subject names, or null
     * @param acceptLanguage the browser's header, or null; a malformed one is ignored, never an error
     */
    public static PageLanguage choose(String asked, String acceptLanguage) {
        return of(asked).or(() -> fromHeader(acceptLanguage)).orElse(ZH_CN);
    }

    /** "zh", "zh-CN", "zh-Hans", "en-GB"… → the page language of that primary language, if any. */
    public static Optional<PageLanguage> of(String tag) {
        if (tag == null || tag.isBlank()) {
            return Optional.empty();
        }
        String primary = Locale.forLanguageTag(tag.trim().replace('_', '-')).getLanguage();
        for (PageLanguage language : values()) {
            if (language.locale.getLanguage().equals(primary)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    private static Optional<PageLanguage> fromHeader(String acceptLanguage) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(acceptLanguage);
        } catch (IllegalArgumentException malformed) {
            return Optional.empty();
        }
        // ranges come sorted by weight; the first whose primary language we write wins
        for (Locale.LanguageRange range : ranges) {
            Optional<PageLanguage> language = of(range.getRange());
            if (language.isPresent()) {
                return language;
            }
        }
        return Optional.empty();
    }
}
