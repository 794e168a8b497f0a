package org.polder.oversight;

import org.junit.jupiter.api.Test;
import org.polder.common.Automated;
import org.polder.common.AutomatedRule;
import org.polder.common.AutomatedRules;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.core.type.filter.RegexPatternTypeFilter;
import org.springframework.scheduling.annotation.Scheduled;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every automated rule in the code is in the public register, and every register entry is in the code (RIGHTS.md R1). */
class RuleRegisterTests {

    private static List<Class<?>> classes(ClassPathScanningCandidateComponentProvider scanner) throws ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        for (BeanDefinition definition : scanner.findCandidateComponents("org.polder")) {
            found.add(Class.forName(definition.getBeanClassName()));
        }
        return found;
    }

    private static ClassPathScanningCandidateComponentProvider everything() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return true;
            }
        };
        scanner.addIncludeFilter(new RegexPatternTypeFilter(Pattern.compile("org\\.polder\\..*")));
        return scanner;
    }

    private static List<AutomatedRule> register() throws Exception {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(org.springframework.beans.factory.annotation.AnnotatedBeanDefinition definition) {
                return !definition.getMetadata().isInterface();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(AutomatedRules.class));
        List<AutomatedRule> rules = new ArrayList<>();
        for (Class<?> provider : classes(scanner)) {
            Constructor<?> constructor = provider.getDeclaredConstructor();
            constructor.setAccessible(true);
            rules.addAll(((AutomatedRules) constructor.newInstance()).rules());
        }
        return rules;
    }

    private static Set<String> automatedInCode() throws ClassNotFoundException {
        Set<String> ids = new TreeSet<>();
        for (Class<?> type : classes(everything())) {
            if (type.isAnnotationPresent(Automated.class)) {
                ids.addAll(List.of(type.getAnnotation(Automated.class).value()));
            }
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Automated.class)) {
                    ids.addAll(List.of(method.getAnnotation(Automated.class).value()));
                }
            }
        }
        return ids;
    }

    @Test
    void everyAutomatedRuleInTheCodeIsInTheRegisterAndBackAgain() throws Exception {
        Set<String> registered = new TreeSet<>();
        register().forEach(r -> registered.add(r.id()));
        Set<String> inCode = automatedInCode();
        assertThat(inCode).isNotEmpty();
        assertThat(registered).as("register entries with no @Automated code").containsAll(inCode);
        assertThat(inCode).as("@Automated code with no register entry").containsAll(registered);
    }

    @Test
    void everyScheduledJobSaysWhichRulesItRuns() throws Exception {
        List<String> unmarked = new ArrayList<>();
        for (Class<?> type : classes(everything())) {
            for (Method method : type.getDeclaredMethods()) {
                if (method.isAnnotationPresent(Scheduled.class) && !method.isAnnotationPresent(Automated.class)
                        && !type.isAnnotationPresent(Automated.class) && !method.isAnnotationPresent(org.polder.common.DecidesNothing.class)) {
                    boolean delegates = false;
                    for (Method other : type.getDeclaredMethods()) {
                        delegates |= other.isAnnotationPresent(Automated.class);
                    }
                    if (!delegates) {
                        unmarked.add(type.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }
        assertThat(unmarked).isEmpty();
    }

    @Test
    void everyEntrySaysWhatItDecidesOnWhatAndWithWhichWeights() throws Exception {
        List<AutomatedRule> rules = register();
        assertThat(rules).extracting(AutomatedRule::id).doesNotHaveDuplicates();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.version()).isPositive();
            assertThat(r.changedOn()).isNotNull();
            assertThat(r.decides()).isNotBlank();
            assertThat(r.inputs()).isNotEmpty();
            assertThat(r.parameters()).allSatisfy(p -> assertThat(p.weight()).isNotBlank());
        });
    }
}
