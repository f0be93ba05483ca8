package org.livestack.examples.guide;

import java.io.IOException;

import org.livestack.api.Endpoint;
import org.livestack.api.RunReport;
import org.livestack.api.Simulation;
import org.livestack.api.VTask;
import org.livestack.kvm.GuestImage;
import org.livestack.kvm.KvmCapabilities;
import org.livestack.kvm.LiveHost;
import org.livestack.kvm.VcpuRunLoop;

/** Guide step 4: two live hosts (KVM guests running real code) exchanging requests over a link. */
public final class LiveTwoHosts
{
    private LiveTwoHosts()
    {
    }

    /**
     * @return the run's report, or {@code null} without /dev/kvm.
     * @throws IOException if a guest image cannot be read.
     */
    public static RunReport run() throws IOException
    {
        // guide: live
        KvmCapabilities kvm = KvmCapabilities.probe();
        if (!kvm.available()) {
            System.out.println("no live hosts here: " + kvm.reason());
            return null;
        }
        VcpuRunLoop loop = VcpuRunLoop.load();                                // the native run-loop shim
        LiveHost client = new LiveHost(GuestImage.builtIn("rpc_client"), 1.0).withRunLoop(loop, 1_000_000);
        LiveHost server = new LiveHost(GuestImage.builtIn("rpc_server"), 1.0).withRunLoop(loop, 1_000_000);
        Simulation.Builder b = Simulation.builder();
        VTask c = b.selfRunning("client", client);
        VTask s = b.selfRunning("server", server);
        Endpoint cn = b.endpoint(c, "nic");
        Endpoint sn = b.endpoint(s, "nic");
        b.link(cn, sn, 50_000);                                               // 50 us each way
        client.nic(cn, sn).args(0, 10, 64, 100_000);   // guest args: server #0, 10 requests, 64 B, 100 us think
        server.nic(sn, cn).args(10, 500);               // guest args: 10 requests, 500 CRC rounds each
        b.scope("pair", 50_000, c, s);
        RunReport report = b.horizon(1_000_000_000).build().run();
        System.out.print(client.console());                                  // "rtt <i> <ns>" per request
        // guide: end
        return report;
    }

    /**
     * @param args ignored.
     * @throws IOException if a guest image cannot be read.
     */
    public static void main(final String[] args) throws IOException
    {
        System.out.println(run());
    }
}
