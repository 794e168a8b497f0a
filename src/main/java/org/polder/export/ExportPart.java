package org.polder.export;

import org.polder.account.CurrentUser;

import java.util.List;

/**
 * A module's share of a worker's export, for modules that themselves depend on {@code export} (and
 * so cannot be read by it directly): the files it holds about the worker.
 */
public interface ExportPart {

    /** A file for the worker's ZIP, with the line that describes it in the export's README. */
    record File(String name, byte[] content, String description) {
    }

    List<File> filesFor(CurrentUser worker);
}
