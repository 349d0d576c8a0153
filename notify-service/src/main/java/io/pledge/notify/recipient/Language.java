package io.pledge.notify.recipient;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The languages alerts are written in (shipped: English and Simplified Chinese), by their BCP 47 tag. */
public enum Language {
    EN("en", Locale.ENGLISH),
    ZH_CN("zh-CN", Locale.SIMPLIFIED_CHINESE);

    private final String tag;
    private final Locale locale;

    Language(String tag, Locale locale) {
        this.tag = tag;
        this.locale = locale;
    }

    public String tag() {
        return tag;
    }

    public Locale locale() {
        return locale;
    }

    public static Optional<Language> of(String tag) {
        return Arrays.stream(values()).filter(l -> l.tag.equals(tag)).findFirst();
    }
}
