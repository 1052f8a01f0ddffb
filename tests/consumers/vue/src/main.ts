import 'dalian-plan-map';
import 'dalian-plan-map/plan-map.css';
import { createApp } from 'vue';
import App from './App.vue';

createApp(App).mount('#app');
