package dev.tether.mqtt.internal.transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A WebSocket server for the tests, on Netty (Moquette's), on a free loopback port: it upgrades requests for one
 * path, with or without the {@code mqtt} subprotocol, answers 404 to others, and sends whatever frames a test asks
 * for, so that a test controls frame boundaries and misbehaviour a broker would not show. Serves one client.
 */
final class WebSocketPeer implements AutoCloseable {

    /** The prefix of the names of its threads. */
    static final String THREAD_PREFIX = "ws-peer";

    private static final int MAX_FRAME = 16 * 1024 * 1024;

    private final String path;
    private final String subprotocol;
    private final NioEventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory(THREAD_PREFIX, true));
    private final Channel server;
    private final CompletableFuture<Channel> client = new CompletableFuture<>();
    private final BlockingQueue<byte[]> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeReceived = new CompletableFuture<>();

    private WebSocketPeer(String path, String subprotocol) throws InterruptedException {
        this.path = path;
        this.subprotocol = subprotocol;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
            .childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel channel) {
                    channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Upgrade());
                }
            })
            .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    /**
     * @param path        the path it upgrades; others get 404
     * @param subprotocol the subprotocol it selects when the client offers it; null to select none
     */
    static WebSocketPeer start(String path, String subprotocol) throws InterruptedException {
        return new WebSocketPeer(path, subprotocol);
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    URI uri(String requestPath) {
        return URI.create("ws://127.0.0.1:" + port() + requestPath);
    }

    /** @return the upgraded client connection, once the 101 response is written */
    Channel awaitClient() throws Exception {
        return client.get(5, TimeUnit.SECONDS);
    }

    /** Sends each array as one binary frame, all flushed together. */
    void sendBinary(byte[]... payloads) throws Exception {
        Channel channel = awaitClient();
        for (byte[] payload : payloads) {
            channel.write(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(payload)));
        }
        channel.flush();
    }

    /** Writes bytes as they are, past the WebSocket encoder: to send a frame Netty would not. */
    void sendRaw(byte[] bytes) throws Exception {
        awaitClient().writeAndFlush(Unpooled.wrappedBuffer(bytes));
    }

    void sendText(String text) throws Exception {
        awaitClient().writeAndFlush(new TextWebSocketFrame(text));
    }

    void sendPing() throws Exception {
        awaitClient().writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
    }

    /** Sends a close frame (1000) and closes the TCP connection after it. */
    void sendClose() throws Exception {
        awaitClient().writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(ChannelFutureListener.CLOSE);
    }

    /** Stops reading from the client: once the socket buffers are full, the client's sends wait. */
    void stopReading() throws Exception {
        awaitClient().config().setAutoRead(false);
    }

    /** @return the payload of the next binary (or continuation) frame from the client */
    byte[] nextFrame(Duration timeout) throws InterruptedException {
        byte[] frame = frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame from the client within " + timeout);
        }
        return frame;
    }

    /** @return completes with the status of the client's close frame */
    CompletableFuture<Integer> closeReceived() {
        return closeReceived;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Upgrade extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            if (!new QueryStringDecoder(request.uri()).path().equals(path)) {
                context.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND))
                    .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(
                "ws://127.0.0.1" + path, subprotocol, false, MAX_FRAME).newHandshaker(request);
            context.pipeline().replace(this, "frames", new Frames());
            handshaker.handshake(context.channel(), request).addListener(done -> client.complete(context.channel()));
        }
    }

    private final class Frames extends SimpleChannelInboundHandler<WebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext context, WebSocketFrame frame) {
            if (frame instanceof BinaryWebSocketFrame || frame instanceof ContinuationWebSocketFrame) {
                frames.add(ByteBufUtil.getBytes(frame.content()));
            } else if (frame instanceof PingWebSocketFrame) {
                context.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeReceived.complete(close.statusCode());
                context.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), ""))
                    .addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
