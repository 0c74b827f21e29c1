package dateline.desk;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Who did something, as the desk shows it: revisions and logs record an account's email, pages show
 * its name. What is not an account (the scheduler, an import) is shown as recorded.
 */
public record Names(Map<String, String> byEmail) {
    static Names of(List<User> users) {
        return new Names(users.stream().collect(Collectors.toUnmodifiableMap(User::email, User::name, (a, b) -> a)));
    }

    public String of(String actor) {
        return byEmail.getOrDefault(actor, actor);
    }
}
