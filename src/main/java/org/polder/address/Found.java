package org.polder.address;

/** A place found for what someone typed: the address as people write it, and where it is. */
public record Found(String address, double latitude, double longitude, boolean saved) {

    public static Found of(String address, double latitude, double longitude) {
        return new Found(address, latitude, longitude, false);
    }
}
