package org.polder.common;

import java.util.List;

/** Each module lists the automated rules it runs, for the public register (RIGHTS.md R1). */
public interface AutomatedRules {

    List<AutomatedRule> rules();
}
