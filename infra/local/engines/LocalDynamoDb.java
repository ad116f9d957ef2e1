import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteJob;
import com.almworks.sqlite4java.SQLiteQueue;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;
import software.amazon.dynamodb.services.local.shared.access.AmazonDynamoDBLocal;

/**
 * AWS DynamoDB Local, started the way the register's local runtime needs it (same arguments as
 * DynamoDBLocal.jar). Three differences, each for a reason the engine gives no option for:
 *
 * 1. It listens on 127.0.0.1 only: the jar always binds every interface.
 * 2. It exits when its standard input closes, i.e. when the Node process that started it is gone,
 *    however that process ended (even SIGKILL): the engine never outlives the register.
 * 3. A TransactWriteItems is answered only once committed. The engine runs every SQLite job on one
 *    queue thread and queues a transaction's COMMIT without waiting for it, so the answer can leave
 *    before the commit; a crash in between loses an acknowledged transaction. Waiting for a no-op
 *    job queued after the COMMIT (the queue is first in, first out) closes that window.
 *
 * Fails loudly if the engine's internals moved: the runtime then refuses to start.
 */
public class LocalDynamoDb {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Server jetty = (Server) read(proxy, "server");
    for (Connector connector : jetty.getConnectors()) ((ServerConnector) connector).setHost("127.0.0.1");

    Object requestHandler = read(read(proxy, "serverHandler"), "primaryHandler");
    write(requestHandler, "dbRequestHandlers", new ConcurrentHashMap<String, AmazonDynamoDBLocal>() {
      @Override
      public AmazonDynamoDBLocal put(String database, AmazonDynamoDBLocal local) {
        return super.put(database, committedBeforeAnswer(local));
      }
    });

    Thread parentWatch = new Thread(() -> {
      try {
        while (System.in.read() != -1) { /* nothing is sent; EOF means the parent is gone */ }
      } catch (Exception ignored) {
        // a broken pipe means the same
      }
      System.exit(0);
    }, "parent-watch");
    parentWatch.setDaemon(true);
    parentWatch.start();
    proxy.start();
  }

  private static AmazonDynamoDBLocal committedBeforeAnswer(AmazonDynamoDBLocal local) {
    try {
      SQLiteQueue queue = (SQLiteQueue) read(read(local, "dbAccess"), "queue");
      DynamoDbClient client = local.dynamoDbClient();
      DynamoDbClient waiting = proxy(DynamoDbClient.class, client, (method, result) -> {
        String name = method.getName();
        if (name.equals("transactWriteItems") || name.equals("executeTransaction")) {
          queue.execute(new SQLiteJob<Object>() {
            @Override
            protected Object job(SQLiteConnection connection) {
              return null;
            }
          }).complete();
        }
      });
      return (AmazonDynamoDBLocal) Proxy.newProxyInstance(AmazonDynamoDBLocal.class.getClassLoader(), new Class<?>[] {AmazonDynamoDBLocal.class},
          (p, method, arguments) -> method.getName().equals("dynamoDbClient") ? waiting : call(method, local, arguments));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("DynamoDB Local's internals changed; update infra/local/engines/LocalDynamoDb.java", e);
    }
  }

  interface After {
    void run(java.lang.reflect.Method method, Object result) throws Exception;
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, After after) {
    return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, arguments) -> {
      Object result = call(method, target, arguments);
      after.run(method, result);
      return result;
    });
  }

  private static Object call(java.lang.reflect.Method method, Object target, Object[] arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object read(Object target, String name) throws ReflectiveOperationException {
    return field(target.getClass(), name).get(target);
  }

  private static void write(Object target, String name, Object value) throws ReflectiveOperationException {
    field(target.getClass(), name).set(target, value);
  }

  private static Field field(Class<?> type, String name) throws NoSuchFieldException {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f;
      } catch (NoSuchFieldException ignored) {
        // look in the superclass
      }
    }
    throw new NoSuchFieldException(type.getName() + "." + name);
  }
}
