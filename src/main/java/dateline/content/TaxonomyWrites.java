package dateline.content;

import dateline.platform.Ids;
import dateline.platform.ValidationErrors;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Making sections, authors and tags, and finding free slugs for them and for stories. */
record TaxonomyWrites(Writes writes, TaxonomyRepository taxonomy, ArticleWrites rows, ReservedSlugs reserved) {
    Section createSection(String name, String slug, String description, int position) {
        return writes.run(h -> {
            String finalSlug = slug == null || slug.isBlank() ? Slugs.slugify(name) : slug;
            ValidationErrors errors = new ValidationErrors();
            if (name == null || name.isBlank()) {
                errors.add("name", "Give the section a name.");
            }
            if (!Slugs.isValid(finalSlug) || finalSlug.matches("\\d+") || reserved.contains(finalSlug)) {
                errors.add("slug", "'" + finalSlug + "' cannot be a section's address: use lower-case letters, digits and hyphens, not a number or a reserved word.");
            } else if (taxonomy.slugTaken(h, "sections", finalSlug)) {
                errors.add("slug", "Another section already uses '" + finalSlug + "'.");
            } else if (taxonomy.slugTaken(h, "static_pages", finalSlug)) {
                errors.add("slug", "The page /" + finalSlug + " already has this address.");
            }
            errors.throwIfAny();
            Section section = new Section(Ids.newId(), finalSlug, name.strip(), description == null ? "" : description.strip(), position);
            taxonomy.insertSection(h, section);
            writes.append(h, writes.now(), EventTypes.SECTION_CREATED, section.id(), List.of(SurrogateKeys.NAV, SurrogateKeys.section(section.id())));
            return section;
        }, taxonomy::forgetSections);
    }

    Author createAuthor(String name, String jobTitle, String bio) {
        return writes.run(h -> {
            if (name == null || name.isBlank()) {
                new ValidationErrors().add("name", "Give the author a name.").throwIfAny();
            }
            String slug = uniqueSlug(h, "authors", Slugs.slugify(name));
            Author author = new Author(Ids.newId(), slug, name.strip(), jobTitle == null ? "" : jobTitle.strip(), bio == null ? "" : bio.strip());
            taxonomy.insertAuthor(h, author);
            writes.append(h, writes.now(), EventTypes.AUTHOR_CREATED, author.id(), List.of(SurrogateKeys.author(author.id())));
            return author;
        });
    }

    /** The ids of tags with these names, in order, making the ones that do not exist yet. */
    List<String> tagIds(Handle h, List<String> names) {
        return tagIds(h, names, new java.util.HashMap<>());
    }

    /** The same, remembering in {@code seen} (slug → tag) what it found or made, for the rest of the caller's transaction. */
    List<String> tagIds(Handle h, List<String> names, java.util.Map<String, Tag> seen) {
        List<String> ids = new ArrayList<>();
        for (String name : names) {
            String slug = Slugs.slugify(name);
            Tag tag = seen.computeIfAbsent(slug, s -> taxonomy.tagBySlug(h, slug).orElseGet(() -> {
                Tag created = new Tag(Ids.newId(), slug, name.strip());
                taxonomy.insertTag(h, created);
                return created;
            }));
            if (!ids.contains(tag.id())) {
                ids.add(tag.id());
            }
        }
        return ids;
    }

    /** {@code base}, or {@code base-2}, {@code base-3} … : the first slug no other story has now or had once. */
    String uniqueStorySlug(Handle h, String base, String ownerId) {
        String candidate = base;
        for (int n = 2; rows.slugOwner(h, candidate).filter(owner -> !owner.equals(ownerId)).isPresent(); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private String uniqueSlug(Handle h, String table, String base) {
        String candidate = base;
        for (int n = 2; taxonomy.slugTaken(h, table, candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }
}
