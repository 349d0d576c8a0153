package io.pledge.platform.page;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PageLanguageTest {

    @Test
    void theSubjectsOwnLanguageWinsOverTheBrowsers() {
        assertEquals(PageLanguage.EN, PageLanguage.choose("en-GB", "zh-CN,zh;q=0.9"));
        assertEquals(PageLanguage.ZH_CN, PageLanguage.choose("zh-Hans", "en"));
    }

    @Test
    void otherwiseTheBrowsersBestLanguageWeWrite() {
        assertEquals(PageLanguage.EN, PageLanguage.choose(null, "fr-FR, en;q=0.8, zh;q=0.5"));
        assertEquals(PageLanguage.ZH_CN, PageLanguage.choose("de", "zh-TW;q=0.9, en;q=0.1"));
    }

    @Test
    void otherwiseChineseAlsoForAMalformedHeader() {
        assertEquals(PageLanguage.ZH_CN, PageLanguage.choose(null, null));
        assertEquals(PageLanguage.ZH_CN, PageLanguage.choose("", "fr"));
        assertEquals(PageLanguage.ZH_CN, PageLanguage.choose(null, ";;q=x,,"));
    }
}
