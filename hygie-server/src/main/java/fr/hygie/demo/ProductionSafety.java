package fr.hygie.demo;

import fr.hygie.identity.Accounts;
import fr.hygie.platform.HygieProperties;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The production profile refuses to start with demo mode on or with demo accounts in the database:
 * their password is public (README).
 */
@Component
@Profile("prod")
class ProductionSafety implements InitializingBean {

    private final HygieProperties properties;
    private final Accounts accounts;

    ProductionSafety(HygieProperties properties, Accounts accounts) {
        this.properties = properties;
        this.accounts = accounts;
    }

    @Override
    public void afterPropertiesSet() {
        if (properties.demo().enabled()) {
            throw new fr.hygie.platform.StartupRefusedException("Profil production : le mode démonstration (HYGIE_DEMO_ENABLED) doit être désactivé.");
        }
        long demo = accounts.countDemoAccounts();
        if (demo > 0) {
            throw new fr.hygie.platform.StartupRefusedException("Profil production : " + demo
                    + " comptes de démonstration existent dans la base ; supprimez-les ou utilisez une base de production.");
        }
    }
}
