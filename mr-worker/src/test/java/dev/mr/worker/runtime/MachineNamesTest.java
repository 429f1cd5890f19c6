package dev.mr.worker.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mr.api.Configuration;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A worker must go by the names HDFS gives its machine's DataNode, or no map of HDFS input is
 * ever local: mr.worker.hostname names them, and by default they are what a DataNode reports
 * (the canonical host name and the address), never a name that every machine shares.
 */
class MachineNamesTest {

    @Test
    void theSettingGivesTheNamesCommaSeparated() {
        Configuration conf = new Configuration().set(MachineNames.KEY, "dn-a.example.com, 10.0.0.7");
        assertEquals(List.of("dn-a.example.com", "10.0.0.7"), MachineNames.from(conf));
    }

    @Test
    void anEmptyOrSpacedSettingIsRefusedNamingIt() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> MachineNames.from(new Configuration().set(MachineNames.KEY, " , ")));
        assertEquals("mr.worker.hostname is empty; give this machine's host names, comma-separated, or leave it unset", empty.getMessage());
        IllegalArgumentException spaced = assertThrows(IllegalArgumentException.class,
                () -> MachineNames.from(new Configuration().set(MachineNames.KEY, "dn a")));
        assertTrue(spaced.getMessage().startsWith("mr.worker.hostname has 'dn a'"), spaced.getMessage());
    }

    @Test
    void byDefaultTheMachinesCanonicalNameAndAddressWithoutLoopback() throws Exception {
        List<String> names = MachineNames.from(new Configuration());
        assertEquals(MachineNames.ofThisMachine(), names);
        InetAddress self;
        try {
            self = InetAddress.getLocalHost();
        } catch (java.net.UnknownHostException e) { // a chroot without its host name in /etc/hosts
            assertEquals(List.of(), names, "a machine whose own name does not resolve has no name to go by");
            return;
        }
        String canonical = self.getCanonicalHostName();
        if (!canonical.equals("localhost") && !canonical.equals(self.getHostAddress())) assertEquals(canonical, names.get(0));
        assertEquals(!self.isLoopbackAddress(), names.contains(self.getHostAddress()));
        assertFalse(names.contains("localhost"), "every machine is localhost: " + names);
    }
}
