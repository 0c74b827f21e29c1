package dateline.content;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {

    @Test
    void latin_headlines_become_lower_case_ascii_with_single_hyphens() {
        assertThat(Slugs.slugify("Zürich's  café — reopens!")).isEqualTo("zurichs-cafe-reopens");
        assertThat(Slugs.slugify("  --Rates: held, steady--  ")).isEqualTo("rates-held-steady");
    }

    @Test
    void long_headlines_are_cut_at_a_word_boundary() {
        String slug = Slugs.slugify("word ".repeat(40));

        assertThat(slug.length()).isLessThanOrEqualTo(80);
        assertThat(slug).doesNotEndWith("-").endsWith("word");
    }

    @Test
    void text_in_other_scripts_keeps_its_words_and_text_without_letters_gives_an_empty_slug() {
        assertThat(Slugs.slugify("عنوان الخبر")).isEqualTo("عنوان-الخبر");
        assertThat(Slugs.slugify("— !! —")).isEmpty();
        assertThat(Slugs.isValid("")).isFalse();
        assertThat(Slugs.isValid("ok-slug-2")).isTrue();
        assertThat(Slugs.isValid("Bad Slug")).isFalse();
    }
}
