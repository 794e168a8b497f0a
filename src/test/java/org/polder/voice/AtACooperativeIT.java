package org.polder.voice;

import org.polder.testing.Cooperative;
import org.polder.testing.PolderIT;

/** The voice tests of a platform run as a cooperative. */
@Cooperative
abstract class AtACooperativeIT extends PolderIT {
}
