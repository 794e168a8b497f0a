/**
 * Workers' own safety net: sick-pay circles (a broodfonds), whose money is the members' reserves and never the
 * platform's. Nothing in this module is read by any other: no automated rule, no requester and no platform staff
 * sees a circle or an illness (ModularityTests and CircleIT hold it).
 */
package org.polder.solidarity;
